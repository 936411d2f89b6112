package io.workflowingest.platform;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of the internal-route guard (the HTTP behaviour is tested in ScheduledCleanupTest). */
class InternalInvocationTest {

    static APIGatewayV2HTTPEvent event(String apiId, String sourceIp) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setSourceIp(sourceIp);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setApiId(apiId);
        context.setHttp(http);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        return event;
    }

    @Test
    void onlyAnEventWithoutApiIdAndSourceIpIsRaw() {
        assertTrue(InternalInvocation.isRaw(event(null, null)));
        assertFalse(InternalInvocation.isRaw(event("a1b2c3", null)));
        assertFalse(InternalInvocation.isRaw(event(null, "203.0.113.1")));
        assertFalse(InternalInvocation.isRaw(event("", null)));
        assertFalse(InternalInvocation.isRaw(event(null, "")));
        assertFalse(InternalInvocation.isRaw(null));
        assertFalse(InternalInvocation.isRaw(new APIGatewayV2HTTPEvent()));
    }

    @Test
    void internalPaths() {
        assertTrue(InternalInvocation.isInternal("/internal"));
        assertTrue(InternalInvocation.isInternal("/internal/cleanup"));
        assertTrue(InternalInvocation.isInternal("//internal//migrate"));
        assertFalse(InternalInvocation.isInternal("/internals"));
        assertFalse(InternalInvocation.isInternal("/api/v1/internal/cleanup"));
        assertFalse(InternalInvocation.isInternal(null));
    }

    @Test
    void remainingTimeCountsOnlyARealDeadline() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), InternalInvocation.remainingTime(context(120_000)));
        assertEquals(Optional.of(Duration.ofMinutes(15)), InternalInvocation.remainingTime(context(900_000)));
        // The mock event server sends no deadline: the context reports garbage, negative or huge.
        assertEquals(Optional.empty(), InternalInvocation.remainingTime(context(-601_602_616)));
        assertEquals(Optional.empty(), InternalInvocation.remainingTime(context(0)));
        assertEquals(Optional.empty(), InternalInvocation.remainingTime(context(900_001)));
        assertEquals(Optional.empty(), InternalInvocation.remainingTime(null));
    }

    static Context context(int remainingMillis) {
        return new Context() {
            public String getAwsRequestId() { return "r"; }
            public String getLogGroupName() { return null; }
            public String getLogStreamName() { return null; }
            public String getFunctionName() { return null; }
            public String getFunctionVersion() { return null; }
            public String getInvokedFunctionArn() { return null; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return remainingMillis; }
            public int getMemoryLimitInMB() { return 0; }
            public LambdaLogger getLogger() { return null; }
        };
    }
}
