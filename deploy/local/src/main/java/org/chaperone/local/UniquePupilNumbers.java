package org.chaperone.local;

/**
 * English Unique Pupil Numbers for demo pupils: a check letter, then the LA number (3 digits), the school's
 * establishment number (4), the year of issue (2) and a serial (3). The check letter is the sum of each of
 * characters 2 to 13 times its position (2 to 13), modulo 23, as an index into {@link #CHECK_LETTERS}.
 * consent-service rejects a pupil whose UPN fails this check, so demo data must pass it.
 */
public final class UniquePupilNumbers {

    /** The 23 letters of UPNs: no I, O or S. */
    public static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private UniquePupilNumbers() {
    }

    /** A permanent UPN issued by {@code la} for a pupil of {@code establishment}. */
    public static String issue(int la, int establishment, int yearOfIssue, int serial) {
        if (la < 0 || la > 999 || establishment < 0 || establishment > 9999 || yearOfIssue < 0 || yearOfIssue > 99
                || serial < 0 || serial > 999) {
            throw new IllegalArgumentException("UPN parts out of range");
        }
        String lastTwelve = String.format("%03d%04d%02d%03d", la, establishment, yearOfIssue, serial);
        return checkLetter(lastTwelve) + lastTwelve;
    }

    /** The check letter of the 12 digits (or, in a temporary UPN, 11 digits and a letter) that follow it. */
    public static char checkLetter(String lastTwelve) {
        if (lastTwelve.length() != 12) {
            throw new IllegalArgumentException("A check letter covers 12 characters, not " + lastTwelve.length());
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = lastTwelve.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean temporaryLetter = i == 11 && CHECK_LETTERS.indexOf(c) >= 0;
            if (!digit && !temporaryLetter) {
                throw new IllegalArgumentException("Not a UPN character at position " + (i + 2) + ": " + c);
            }
            sum += (digit ? c - '0' : CHECK_LETTERS.indexOf(c)) * (i + 2);
        }
        return CHECK_LETTERS.charAt(sum % 23);
    }

    public static boolean isValid(String upn) {
        if (upn == null || upn.length() != 13) {
            return false;
        }
        try {
            return checkLetter(upn.substring(1)) == upn.charAt(0);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
