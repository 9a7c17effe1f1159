/**
 * The proxy's policy ({@link dev.cheeseshop.proxy.ProxyPolicy}) from a TOML file: allow and deny
 * lists of projects with PEP 440 version specifiers and a minimum age for files
 * ({@link dev.cheeseshop.proxy.policy.Policy}, read by {@link dev.cheeseshop.proxy.policy.PolicyFile}),
 * reloaded without a restart ({@link dev.cheeseshop.proxy.policy.ReloadablePolicy}), its decisions
 * counted by {@link dev.cheeseshop.proxy.policy.CountedPolicy}.
 */
package dev.cheeseshop.proxy.policy;
