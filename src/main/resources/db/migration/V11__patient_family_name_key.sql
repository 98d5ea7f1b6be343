-- Identity proofing finds a patient by family name and date of birth whatever the accents, case and
-- punctuation on either side: "Munoz" typed finds "Muñoz" on file, "Garcia Lopez" finds "García-López".
-- The key: compatibility-decomposed (NFKD), combining accents dropped, anything but letters and digits
-- dropped, lower-cased. Patients.findByFamilyNameAndBirthDate uses the same expression.
CREATE FUNCTION patient_name_key(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(regexp_replace(regexp_replace(normalize(name, NFKD), '[\u0300-\u036f]', '', 'g'),
                                '[^[:alnum:]]+', '', 'g'));

CREATE INDEX patient_name_key_birth_idx ON patient (patient_name_key(family_name), date_of_birth);
DROP INDEX patient_name_birth_idx;
