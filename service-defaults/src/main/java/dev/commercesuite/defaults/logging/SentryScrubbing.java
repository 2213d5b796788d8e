package dev.commercesuite.defaults.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;

/**
 * The last look at every event before it leaves for Sentry (quarkus-logging-sentry calls each
 * {@link SentryOptions.BeforeSendCallback} bean): credentials and email addresses are scrubbed
 * ({@link LogMasking#scrub}) from the message and its parameters, exception messages, extras, contexts (the MDC among
 * them), tags and breadcrumbs, wherever a log line or a third party's error may have quoted them; request data and
 * the user are dropped, since a log event never needs a body, a header or who sent it. Unremovable: nothing injects
 * it, the extension looks it up.
 */
@Singleton
@Unremovable
public class SentryScrubbing implements SentryOptions.BeforeSendCallback {

    @Override
    public SentryEvent execute(SentryEvent event, Hint hint) {
        Message message = event.getMessage();
        if (message != null) {
            message.setMessage(LogMasking.scrub(message.getMessage()));
            message.setFormatted(LogMasking.scrub(message.getFormatted()));
            if (message.getParams() != null) {
                message.setParams(message.getParams().stream().map(LogMasking::scrub).toList());
            }
        }
        if (event.getExceptions() != null) {
            for (SentryException exception : event.getExceptions()) {
                exception.setValue(LogMasking.scrub(exception.getValue()));
            }
        }
        if (event.getExtras() != null) {
            event.setExtras(scrubMap(event.getExtras()));
        }
        if (event.getTags() != null) {
            Map<String, String> tags = new LinkedHashMap<>();
            event.getTags().forEach((key, value) -> tags.put(key, LogMasking.scrub(value)));
            event.setTags(tags);
        }
        for (String key : Collections.list(event.getContexts().keys())) {
            Object value = event.getContexts().get(key);
            if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof String) {
                event.getContexts().put(key, scrubValue(value));
            }
        }
        if (event.getBreadcrumbs() != null) {
            for (Breadcrumb breadcrumb : event.getBreadcrumbs()) {
                breadcrumb.setMessage(LogMasking.scrub(breadcrumb.getMessage()));
                for (Map.Entry<String, Object> data : breadcrumb.getData().entrySet()) {
                    data.setValue(scrubValue(data.getValue()));
                }
            }
        }
        event.setRequest(null);
        event.setUser(null);
        return event;
    }

    private static Map<String, Object> scrubMap(Map<?, ?> map) {
        Map<String, Object> scrubbed = new LinkedHashMap<>();
        map.forEach((key, value) -> scrubbed.put(String.valueOf(key), scrubValue(value)));
        return scrubbed;
    }

    private static Object scrubValue(Object value) {
        if (value instanceof String text) {
            return LogMasking.scrub(text);
        }
        if (value instanceof Map<?, ?> map) {
            return scrubMap(map);
        }
        if (value instanceof Collection<?> values) {
            List<Object> scrubbed = new ArrayList<>();
            values.forEach(each -> scrubbed.add(scrubValue(each)));
            return scrubbed;
        }
        return value;
    }
}
