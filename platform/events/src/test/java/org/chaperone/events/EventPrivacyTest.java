package org.chaperone.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.chaperone.events.scheduling.InviteDispatched;
import org.junit.jupiter.api.Test;

/**
 * Events carry ids, never personal details: no names, contact details or free text. The join link and passcode
 * of a session travel in {@link InviteDispatched} and nowhere else (R10).
 */
class EventPrivacyTest {

    private static final Set<String> SECRETS = Set.of("joinUrl", "passcode");
    private static final List<String> FORBIDDEN = List.of("name", "email", "phone", "narrative", "description");

    @Test
    void everyEventTypeHasComponentsToCheck() {
        assertThat(EventTypes.all()).allSatisfy(type -> {
            assertThat(type.dataClass().isRecord()).as(type.name()).isTrue();
            assertThat(components(type.dataClass())).as(type.name()).isNotEmpty();
        });
    }

    @Test
    void onlyInviteDispatchedCarriesTheJoinLinkAndPasscode() {
        assertThat(EventTypes.all()).allSatisfy(type -> {
            List<String> secrets = components(type.dataClass()).stream()
                    .filter(path -> SECRETS.contains(path.substring(path.lastIndexOf('.') + 1)))
                    .toList();
            if (type == EventTypes.INVITE_DISPATCHED) {
                assertThat(secrets).as(type.name()).containsExactlyInAnyOrder("joinUrl", "passcode");
            } else {
                assertThat(secrets).as(type.name()).isEmpty();
            }
        });
        assertThat(EventTypes.all()).filteredOn(type -> type.dataClass() == InviteDispatched.class)
                .containsExactly(EventTypes.INVITE_DISPATCHED);
    }

    @Test
    void noEventCarriesANameContactDetailsOrFreeText() {
        assertThat(EventTypes.all()).allSatisfy(type -> assertThat(components(type.dataClass()))
                .as(type.name())
                .noneSatisfy(path -> assertThat(FORBIDDEN)
                        .anySatisfy(word -> assertThat(path.toLowerCase(Locale.ROOT)).contains(word))));
    }

    /** The component paths of a record, descending into nested records and lists of records. */
    static List<String> components(Class<?> record) {
        List<String> paths = new ArrayList<>();
        collect(record, "", paths);
        return paths;
    }

    private static void collect(Class<?> record, String prefix, List<String> paths) {
        for (RecordComponent component : record.getRecordComponents()) {
            String path = prefix + component.getName();
            paths.add(path);
            Class<?> nested = recordOf(component.getGenericType());
            if (nested != null && nested != record) {
                collect(nested, path + ".", paths);
            }
        }
    }

    private static Class<?> recordOf(Type type) {
        if (type instanceof Class<?> c) {
            return c.isRecord() ? c : null;
        }
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                Class<?> nested = recordOf(argument);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
