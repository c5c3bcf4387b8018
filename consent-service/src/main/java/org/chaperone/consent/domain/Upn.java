package org.chaperone.consent.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * An English Unique Pupil Number as the DfE specifies it: 13 characters, a check letter then the issuing
 * LA number (3 digits), the school's DfE establishment number (4), the year of issue (2) and a serial
 * number (3). A temporary UPN ends in a letter instead of its last digit.
 *
 * <p>The check letter: each of characters 2 to 13 is weighted by its position (2 to 13), a digit counting
 * its value and a letter its index in {@link #CHECK_LETTERS}; the sum modulo 23 indexes the check letter.
 */
public record Upn(String value) {

    /** The 23 letters a UPN uses, without I, O and S, which are too easily misread. */
    public static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    public Upn {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** Reads a UPN, ignoring case and surrounding spaces. */
    public static Upn parse(String text) {
        return new Upn(normalise(text));
    }

    public static boolean isValid(String text) {
        return problem(normalise(text)).isEmpty();
    }

    /** What is wrong with {@code text} as a UPN, if anything, in words a school office understands. */
    public static Optional<String> problem(String text) {
        if (text == null || text.length() != 13) {
            return Optional.of("A UPN has 13 characters");
        }
        if (CHECK_LETTERS.indexOf(text.charAt(0)) < 0) {
            return Optional.of("A UPN starts with a check letter (not I, O or S)");
        }
        for (int i = 1; i < 12; i++) {
            if (!Character.isDigit(text.charAt(i)) || text.charAt(i) > '9') {
                return Optional.of("Characters 2 to 12 of a UPN are digits");
            }
        }
        char last = text.charAt(12);
        if (!(last >= '0' && last <= '9') && CHECK_LETTERS.indexOf(last) < 0) {
            return Optional.of("A UPN ends in a digit, or a letter for a temporary UPN");
        }
        if (checkLetter(text.substring(1)) != text.charAt(0)) {
            return Optional.of("The check letter does not match the rest of the UPN");
        }
        return Optional.empty();
    }

    /** The check letter for the 12 characters that follow it. */
    public static char checkLetter(String lastTwelve) {
        if (lastTwelve.length() != 12) {
            throw new IllegalArgumentException("the check letter covers 12 characters");
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = lastTwelve.charAt(i);
            int value = c >= '0' && c <= '9' ? c - '0' : CHECK_LETTERS.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not a UPN character: " + c);
            }
            sum += value * (i + 2);
        }
        return CHECK_LETTERS.charAt(sum % 23);
    }

    /** True for a temporary UPN, issued until a permanent one is known. */
    public boolean isTemporary() {
        return !Character.isDigit(value.charAt(12));
    }

    private static String normalise(String text) {
        return text == null ? null : text.strip().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
