package org.chaperone.incident.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kind-specific content of a chronology entry (the narrative, a rationale, an action's reason…), stored as JSON
 * with sorted keys. The hash covers the stored text exactly, so it is written once and never re-serialised.
 */
public final class EntryDetails {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private EntryDetails() {
    }

    /** Writes details; {@code null} values are left out. */
    public static String write(Map<String, ?> details) {
        Map<String, Object> kept = new TreeMap<>();
        details.forEach((key, value) -> {
            if (value != null) {
                kept.put(key, value);
            }
        });
        try {
            return JSON.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chronology details cannot be written", e);
        }
    }

    public static Map<String, Object> read(String details) {
        try {
            return JSON.readValue(details, new TypeReference<TreeMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            // A row changed in the database may not even be JSON; the chain verification names it.
            return Map.of("unreadable", true);
        }
    }
}
