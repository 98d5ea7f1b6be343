package org.caregate.demo.internal;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.datafaker.Faker;
import org.caregate.organization.Organization;
import org.caregate.patient.Address;
import org.caregate.patient.InvalidPhoneNumber;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.caregate.patient.Sex;

/**
 * Realistic, entirely fictional patients. Patient {@code n} depends only on the seed and {@code n}
 * (the random source is re-seeded for each), so the first 50 of a 100,000-patient run are the
 * default demo patients, and a run can continue where an earlier one stopped. Phone numbers use the
 * 555-01xx range reserved for fiction; e-mail addresses use {@code example.com}.
 */
public class DemoPatientGenerator {

    /** Ages are counted from a fixed day so the data does not change with the calendar. */
    static final LocalDate REFERENCE_DAY = LocalDate.of(2026, 1, 1);

    private record Town(String city, String state, String areaCode, int zip) {}

    private static final List<Town> TOWNS = List.of(
            new Town("Rochester", "MN", "507", 55901), new Town("Mankato", "MN", "507", 56001),
            new Town("Albert Lea", "MN", "507", 56007), new Town("Austin", "MN", "507", 55912),
            new Town("Owatonna", "MN", "507", 55060), new Town("Red Wing", "MN", "651", 55066),
            new Town("La Crosse", "WI", "608", 54601), new Town("Eau Claire", "WI", "715", 54701),
            new Town("Menomonie", "WI", "715", 54751), new Town("Sparta", "WI", "608", 54656),
            new Town("Decorah", "IA", "563", 52101), new Town("Waukon", "IA", "563", 52172));

    private final long seed;
    private final List<Organization> organizations;
    private final Random random = new Random();
    private final Faker english = new Faker(Locale.US, random);
    private final Faker spanish = new Faker(Locale.forLanguageTag("es-MX"), random);

    public DemoPatientGenerator(long seed, List<Organization> organizations) {
        this.seed = seed;
        this.organizations = List.copyOf(organizations);
    }

    /** Patients {@code from} to {@code from + count - 1}. */
    public Stream<NewPatient> patients(long from, long count) {
        return LongStream.range(from, from + count).mapToObj(this::patient);
    }

    public NewPatient patient(long index) {
        random.setSeed(seed * 1_000_003L + index);
        boolean hispanic = random.nextInt(100) < 12;
        Faker names = hispanic ? spanish : english;
        String first = names.name().firstName();
        String given = random.nextInt(100) < 40 ? first + " " + names.name().firstName() : first;
        String family = hispanic && random.nextBoolean()
                ? names.name().lastName() + " " + names.name().lastName()
                : names.name().lastName();
        LocalDate birth = birthDate();
        int age = birth.until(REFERENCE_DAY).getYears();
        int s = random.nextInt(100);
        Sex sex = s < 49 ? Sex.FEMALE : s < 98 ? Sex.MALE : s < 99 ? Sex.OTHER : Sex.UNKNOWN;
        Town town = TOWNS.get(random.nextInt(TOWNS.size()));
        var address = new Address(english.address().streetAddress(),
                random.nextInt(100) < 15 ? "Apt " + (1 + random.nextInt(40)) : null,
                town.city(), town.state(), "%05d".formatted(town.zip() + random.nextInt(8)), "US");
        String email = random.nextInt(100) < 88 ? email(first, family, index) : null;
        String language = hispanic && random.nextInt(100) < 70 ? "es" : "en";
        return new NewPatient(given, family, birth, sex, address, email, language, phones(age, town),
                recordNumbers(index));
    }

    private LocalDate birthDate() {
        int bucket = random.nextInt(100);
        int age = bucket < 8 ? random.nextInt(12)
                : bucket < 15 ? 12 + random.nextInt(6)
                : bucket < 40 ? 18 + random.nextInt(22)
                : bucket < 72 ? 40 + random.nextInt(25)
                : bucket < 90 ? 65 + random.nextInt(15)
                : 80 + random.nextInt(16);
        return REFERENCE_DAY.minusYears(age).minusDays(random.nextInt(365));
    }

    private List<PhoneNumber> phones(int age, Town town) {
        List<PhoneNumber> phones = new ArrayList<>(2);
        int r = random.nextInt(100);
        boolean international = random.nextInt(100) < 4;
        boolean landlineOnly = age >= 70 && r < 45;
        boolean both = age >= 70 ? r < 80 : r < 10;
        if (!landlineOnly) {
            phones.add(international ? internationalMobile() : usNumber(town, PhoneKind.MOBILE));
        }
        if (landlineOnly || both) {
            phones.add(usNumber(town, PhoneKind.LANDLINE));
        }
        return phones;
    }

    private PhoneNumber usNumber(Town town, PhoneKind kind) {
        return PhoneNumber.parse("+1" + town.areaCode() + "55501" + "%02d".formatted(random.nextInt(100)), "US", kind);
    }

    /** A Mexican or Spanish mobile, as the seeds promise international numbers work. */
    private PhoneNumber internationalMobile() {
        while (true) {
            String candidate = random.nextBoolean()
                    ? "+5255" + "%08d".formatted(random.nextInt(100_000_000))
                    : "+346" + "%08d".formatted(random.nextInt(100_000_000));
            try {
                return PhoneNumber.parse(candidate, "US", PhoneKind.MOBILE);
            } catch (InvalidPhoneNumber e) {
                // try another: the loop is deterministic, as it draws from the seeded source
            }
        }
    }

    private List<MedicalRecordNumber> recordNumbers(long index) {
        List<MedicalRecordNumber> numbers = new ArrayList<>(2);
        int home = random.nextInt(100) < 60 || organizations.size() == 1 ? 0 : 1 + random.nextInt(organizations.size() - 1);
        numbers.add(recordNumber(home, index));
        if (organizations.size() > 1 && random.nextInt(100) < 15) {
            numbers.add(recordNumber((home + 1 + random.nextInt(organizations.size() - 1)) % organizations.size(), index));
        }
        return numbers;
    }

    /** Unique per organisation by construction: a prefix from the organisation's id, then the index. */
    private MedicalRecordNumber recordNumber(int organization, long index) {
        String id = organizations.get(organization).id();
        StringBuilder prefix = new StringBuilder();
        for (String part : id.split("-")) {
            prefix.append(Character.toUpperCase(part.charAt(0)));
        }
        return new MedicalRecordNumber(id, prefix + "%08d".formatted(10_000_000L + index));
    }

    private static String email(String first, String family, long index) {
        String local = (first + "." + family.replace(' ', '-')).toLowerCase(Locale.ROOT);
        local = Normalizer.normalize(local, Normalizer.Form.NFD).replaceAll("[^a-z.\\-]", "");
        return local + "." + index + "@example.com";
    }
}
