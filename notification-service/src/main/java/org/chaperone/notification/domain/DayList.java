package org.chaperone.notification.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of days of the week in one text column, e.g. {@code MONDAY TUESDAY}, in week order. */
@Converter
public class DayList implements AttributeConverter<Set<DayOfWeek>, String> {

    @Override
    public String convertToDatabaseColumn(Set<DayOfWeek> days) {
        return days == null || days.isEmpty() ? "" : EnumSet.copyOf(days).stream().map(DayOfWeek::name)
                .collect(Collectors.joining(" "));
    }

    @Override
    public Set<DayOfWeek> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(column.trim().split(" +")).map(DayOfWeek::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }
}
