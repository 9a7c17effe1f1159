package dev.cheeseshop.web;

/** A page that says one thing: not found, refused, done. */
public record MessageView(Chrome chrome, String title, String message) {}
