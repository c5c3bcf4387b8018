package org.chaperone.runtime.housekeeping;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table of the service's own schema whose old rows housekeeping deletes: the rows that meet {@code condition}
 * and whose {@code ageColumn} is older than {@code retention}.
 *
 * <p>{@code table}, {@code condition} and {@code ageColumn} are written into SQL as they are: they must be constants
 * of the code, never anything read from a request or from configuration.
 *
 * @param table     an unqualified table name (resolved in the service's schema)
 * @param condition the SQL condition a row must meet to be deleted at all, besides its age (e.g.
 *                  {@code status in ('SENT', 'DEAD')}); {@code true} for every row
 * @param ageColumn a {@code timestamptz} column; rows whose value is older than {@code retention} go
 * @param retention how long a row that meets {@code condition} is kept
 */
public record PrunableTable(String table, String condition, String ageColumn, Duration retention) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PrunableTable {
        Objects.requireNonNull(retention, "retention");
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        if (ageColumn == null || !IDENTIFIER.matcher(ageColumn).matches()) {
            throw new IllegalArgumentException("not a plain column name: " + ageColumn);
        }
        if (condition == null || condition.isBlank() || condition.contains(";") || condition.contains("--")) {
            throw new IllegalArgumentException("not a single SQL condition: " + condition);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention of " + table + " must be positive");
        }
    }
}
