/**
 * Limits on how often a key (a client address, a username) may do something, shared by the
 * XML-RPC rate limiter ({@code xmlrpc.RateLimiter}) and the failed-login throttle
 * ({@code auth.LoginThrottle}): {@link dev.cheeseshop.limits.FixedWindowLimit}, a bounded table of
 * fixed windows. JDK only; no other package of the project.
 */
package dev.cheeseshop.limits;
