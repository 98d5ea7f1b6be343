package org.caregate.notify.twilio;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Present only when a Twilio account is configured. {@code @ConditionalOnProperty} would not do:
 * application.yml sets {@code caregate.notify.twilio.account-sid} to a blank default, which it
 * counts as set.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Conditional(TwilioConfigured.AccountSidSet.class)
@interface TwilioConfigured {

    String ACCOUNT_SID = "caregate.notify.twilio.account-sid";

    /** Matches when the account SID is not blank. */
    class AccountSidSet extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var message = ConditionMessage.forCondition(TwilioConfigured.class);
            return StringUtils.hasText(context.getEnvironment().getProperty(ACCOUNT_SID))
                    ? ConditionOutcome.match(message.found("property").items(ACCOUNT_SID))
                    : ConditionOutcome.noMatch(message.didNotFind("non-blank property").items(ACCOUNT_SID));
        }
    }
}
