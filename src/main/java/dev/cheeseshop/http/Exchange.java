package dev.cheeseshop.http;

import dev.cheeseshop.metrics.Metrics;
import dev.cheeseshop.metrics.RouteMeter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its response, for a blocking handler: read what came in, then answer once,
 * either with {@link #send} (a complete body) or {@link #stream} (a body written as it is made).
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final Map<String, String> params;
    private final Metrics metrics;
    private RouteMeter meter;
    private OutputStream body;

    Exchange(Request request, Response response, Map<String, String> params, Metrics metrics, RouteMeter meter) {
        this.request = request;
        this.response = response;
        this.params = params;
        this.metrics = metrics;
        this.meter = meter;
    }

    /** Where handlers count what they did (uploads, downloads, ...). */
    Metrics metrics() {
        return metrics;
    }

    /** The meter this request is counted under when answered: its route's, unless a route group chose another. */
    RouteMeter meter() {
        return meter;
    }

    /** Counts this request under {@code routeMeter}: a route group's own route ({@link Routes#nest}). */
    void meter(RouteMeter routeMeter) {
        this.meter = routeMeter;
    }

    public String method() {
        return request.getMethod();
    }

    public boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    public String path() {
        return request.getHttpURI().getDecodedPath();
    }

    /** The raw query string, or null. */
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    public Fields query() {
        return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }

    public String param(String name) {
        return params.get(name);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** Every value of a request header, in the order sent (HTTP/2 sends one {@code Cookie} per cookie). */
    public List<String> headers(String name) {
        return request.getHeaders().getValuesList(name);
    }

    public long contentLength() {
        return request.getLength();
    }

    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    public InputStream body() {
        return Request.asInputStream(request);
    }

    public Request request() {
        return request;
    }

    /** Sets a response header; call before sending. */
    public Exchange header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    /** Adds a response header beside any of the same name (one {@code Set-Cookie} per cookie); call before sending. */
    public Exchange addHeader(String name, String value) {
        response.getHeaders().add(name, value);
        return this;
    }

    /** Sets a response header from a prepared field; call before sending. */
    public Exchange header(HttpField field) {
        response.getHeaders().put(field);
        return this;
    }

    /** Sets the reason phrase of the status line (see {@link ReasonPhrase}). */
    public Exchange reason(String phrase) {
        ReasonPhrase.set(request, phrase);
        return this;
    }

    /** Answers with a complete body. */
    public void send(int status, String contentType, byte[] content) throws IOException {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.length);
        Content.Sink.write(response, true, isHead() ? ByteBuffer.allocate(0) : ByteBuffer.wrap(content));
    }

    /** Answers with a complete body without blocking; {@code callback} learns when it is written. */
    public void sendAsync(int status, String contentType, byte[] content, Callback callback) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.length);
        response.write(true, isHead() ? ByteBuffer.allocate(0) : ByteBuffer.wrap(content), callback);
    }

    /** Answers without a body and without blocking (a 304). */
    public void sendEmptyAsync(int status, Callback callback) {
        response.setStatus(status);
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    public void sendText(int status, String text) throws IOException {
        send(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers without a body (304, a redirect, 204). */
    public void sendEmpty(int status) throws IOException {
        response.setStatus(status);
        Content.Sink.write(response, true, ByteBuffer.allocate(0));
    }

    public void redirect(int status, String location) throws IOException {
        header("Location", location);
        sendText(status, status + " " + (status == 301 ? "Moved Permanently" : "Redirect"));
    }

    /**
     * Starts a streamed answer; the caller writes the body and the router finishes it. Content
     * written for a HEAD request is discarded.
     */
    public OutputStream stream(int status, String contentType) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        body = isHead() ? OutputStream.nullOutputStream() : Response.asBufferedOutputStream(request, response);
        return body;
    }

    boolean isCommitted() {
        return response.isCommitted();
    }

    /** Completes a streamed body, if one was started. */
    void finish() throws IOException {
        if (body != null) {
            body.close();
        }
    }
}
