package dev.promptly.testing;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Fails chosen DynamoDB calls of a client it is added to, to test what a crash or a lost answer at that
 * point does. {@link Phase#BEFORE} fails the call before it reaches DynamoDB (nothing applied);
 * {@link Phase#AFTER} fails it after DynamoDB applied it (the caller cannot tell it succeeded — a
 * timeout after the write). The SDK retries neither: the failure is non-retryable. Thread-safe.
 */
public final class FaultInjector implements ExecutionInterceptor {
    /** Where in the call the failure happens. */
    public enum Phase { BEFORE, AFTER }

    private record Fault(String operation, Phase phase, AtomicInteger skip, AtomicInteger times) {
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();

    /** Fails the next call of {@code operation} (e.g. {@code TransactWriteItems}) once, at {@code phase}. */
    public FaultInjector failNext(String operation, Phase phase) {
        return fail(operation, phase, 0, 1);
    }

    /** Lets {@code skip} calls of {@code operation} pass, then fails the next {@code times}. */
    public FaultInjector fail(String operation, Phase phase, int skip, int times) {
        faults.add(new Fault(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(phase, "phase"),
                new AtomicInteger(skip), new AtomicInteger(times)));
        return this;
    }

    /** How many failures were injected so far. */
    public int injected() {
        return injected.get();
    }

    /** Removes the faults not yet used. */
    public void clear() {
        faults.clear();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        maybeFail(attributes, Phase.BEFORE);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        maybeFail(attributes, Phase.AFTER);
    }

    private void maybeFail(ExecutionAttributes attributes, Phase phase) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Fault fault : faults) {
            if (fault.operation().equals(operation) && fault.phase() == phase && fault.times().get() > 0) {
                if (fault.skip().getAndDecrement() > 0) {
                    continue;
                }
                if (fault.times().getAndDecrement() > 0) {
                    injected.incrementAndGet();
                    throw SdkClientException.create("injected fault: " + operation + " " + phase.name().toLowerCase());
                }
            }
        }
    }
}
