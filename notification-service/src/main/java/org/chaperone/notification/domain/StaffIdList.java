package org.chaperone.notification.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.List;

/**
 * Stores a list of staff ids in one text column, separated by spaces: staff ids are visible ASCII without
 * spaces (the API enforces it), so the separator cannot occur inside one.
 */
@Converter
public class StaffIdList implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> ids) {
        return ids == null ? "" : String.join(" ", ids);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null || column.isBlank() ? List.of() : Arrays.asList(column.trim().split(" +"));
    }
}
