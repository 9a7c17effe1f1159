package dev.cheeseshop.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;

/**
 * The page templates (src/main/jte), compiled to Java when Cheeseshop is built: rendering a page
 * is a call of generated code writing UTF-8 into a buffer, with the static parts pre-encoded, and
 * every value escaped for where it lands (element text, attribute, URL attribute) by jte's HTML
 * mode. Only a description, sanitised when it was rendered, goes in unescaped.
 */
public final class Pages {
    private static final String PACKAGE = "dev.cheeseshop.web.templates";

    private final TemplateEngine engine;

    public Pages() {
        engine = TemplateEngine.createPrecompiled(null, ContentType.Html, Pages.class.getClassLoader(), PACKAGE);
        engine.setBinaryStaticContent(true);
    }

    public byte[] home(HomeView view) {
        return render("home.jte", view);
    }

    public byte[] project(ProjectView view) {
        return render("project.jte", view);
    }

    public byte[] user(UserView view) {
        return render("user.jte", view);
    }

    public byte[] history(HistoryView view) {
        return render("history.jte", view);
    }

    public byte[] search(SearchView view) {
        return render("search.jte", view);
    }

    public byte[] login(LoginView view) {
        return render("login.jte", view);
    }

    /** {@code page} as the signed-in user {@code links} names sees it: their links in its header's {@link AccountSlot}. */
    public byte[] forUser(byte[] page, AccountLinks links) {
        return AccountSlot.fill(page, render("accountlinks.jte", links));
    }

    /** The account page; it may hold a new token's secret, so it is never stored by a cache. */
    public byte[] account(AccountView view) {
        return render("account.jte", view);
    }

    public byte[] message(MessageView view) {
        return render("message.jte", view);
    }

    /** A project's management page. */
    public byte[] manage(ManageView view) {
        return render("manage.jte", view);
    }

    /** The signed-in user's projects to manage. */
    public byte[] manageProjects(ManageProjectsView view) {
        return render("manageprojects.jte", view);
    }

    /** A deletion's confirmation form. */
    public byte[] confirm(ConfirmView view) {
        return render("confirm.jte", view);
    }

    /** A management request refused (not signed in to this project, no such thing, a bad form): its reason as an alert. */
    public byte[] refused(MessageView view) {
        return render("refused.jte", view);
    }

    /** Renders template {@code name} with its one parameter, {@code view}. */
    public byte[] render(String name, Object view) {
        Utf8ByteOutput out = new Utf8ByteOutput(16 * 1024);
        engine.render(name, view, out);
        return out.toByteArray();
    }
}
