package dev.cheeseshop.web;

import dev.cheeseshop.index.HomeSummary;

/** The home page: the summary of what the index holds, and the commands to use it. */
public record HomeView(Chrome chrome, HomeSummary summary, Commands commands) {}
