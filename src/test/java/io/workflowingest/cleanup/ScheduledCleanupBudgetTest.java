package io.workflowingest.cleanup;

import com.amazonaws.services.lambda.runtime.Context;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scheduled cleanup's time budget (API.md: the Lambda timeout minus 30 s), computed from the
 * invocation's remaining time. A plain unit test: the local mock event server sends no deadline,
 * so through HTTP only the fallback would ever be seen.
 */
class ScheduledCleanupBudgetTest {

    static final Duration WITHOUT_DEADLINE = Duration.ofSeconds(60);

    /** A Lambda context that only knows its remaining time. */
    static Context remaining(int millis) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] { Context.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> millis;
                    case "toString" -> "remaining " + millis + " ms";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static Duration budget(Context lambda) {
        return ScheduledCleanupResource.budget(lambda, WITHOUT_DEADLINE);
    }

    @Test
    void remainingTimeMinusThirtySeconds() {
        assertEquals(Duration.ofSeconds(870), budget(remaining(900_000)), "15 min timeout, just invoked");
        assertEquals(Duration.ofMillis(869_250), budget(remaining(899_250)));
        assertEquals(Duration.ofSeconds(30), budget(remaining(60_000)));
        assertEquals(Duration.ofMillis(1), budget(remaining(30_001)));
    }

    @Test
    void thirtySecondsOrLessLeavesNoBudget() {
        // Zero or negative: the cleanup then runs its first batch only (CleanupService).
        assertEquals(Duration.ZERO, budget(remaining(30_000)));
        assertEquals(Duration.ofSeconds(-20), budget(remaining(10_000)));
        assertEquals(Duration.ofMillis(-29_999), budget(remaining(1)));
    }

    @Test
    void noRealDeadlineFallsBackToTheConfiguredBudget() {
        assertEquals(WITHOUT_DEADLINE, budget(null), "no Lambda context");
        assertEquals(WITHOUT_DEADLINE, budget(remaining(0)), "deadline reached or unset");
        assertEquals(WITHOUT_DEADLINE, budget(remaining(-1_000)), "the mock event server's deadline of epoch 0");
        assertEquals(WITHOUT_DEADLINE, budget(remaining(900_001)), "more than Lambda's longest timeout is no deadline");
        Context outsideAnInvocation = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] { Context.class },
                (proxy, method, args) -> {
                    throw new IllegalStateException("no invocation");
                });
        assertEquals(WITHOUT_DEADLINE, budget(outsideAnInvocation));
    }
}
