package dev.cheeseshop.proxy.policy;

import dev.cheeseshop.metrics.Metrics;
import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.proxy.ProxyPolicy;
import java.time.Instant;

/**
 * A policy whose every decision is counted ({@link Metrics#policyDecision}: by rule and outcome),
 * around the one that decides. The policy itself knows nothing of metrics.
 */
public final class CountedPolicy implements ProxyPolicy {
    private final ProxyPolicy policy;
    private final Metrics metrics;

    public CountedPolicy(ProxyPolicy policy, Metrics metrics) {
        this.policy = policy;
        this.metrics = metrics;
    }

    @Override
    public Decision project(String normalizedName) {
        return counted(policy.project(normalizedName));
    }

    @Override
    public Decision file(String normalizedName, UpstreamFile file, Instant now) {
        return counted(policy.file(normalizedName, file, now));
    }

    /** Not a decision: not counted. */
    @Override
    public boolean needsUploadTimes() {
        return policy.needsUploadTimes();
    }

    @Override
    public long generation() {
        return policy.generation();
    }

    private Decision counted(Decision decision) {
        metrics.policyDecision(decision.rule(), decision.allowed());
        return decision;
    }
}
