package org.caregate.identity.password;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The strength meter's question while the person types. A POST with the CSRF token, so the
 * password never sits in a URL or a log line; the answer is never cached. Submitting the form
 * checks again: this only informs.
 */
@RestController
class PasswordStrengthController {

    /** The page's own words (name, username): a handful, each short. More is not a real page. */
    static final int MAX_INPUTS = 10;
    static final int MAX_INPUT_LENGTH = 100;

    private final PasswordPolicy policy;
    private final MessageSource messages;

    PasswordStrengthController(PasswordPolicy policy, MessageSource messages) {
        this.policy = policy;
        this.messages = messages;
    }

    @PostMapping("/password-strength")
    ResponseEntity<Strength> strength(@RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") List<String> inputs, Locale locale) {
        List<String> personal = inputs.stream()
                .limit(MAX_INPUTS)
                .map(input -> input.length() > MAX_INPUT_LENGTH ? input.substring(0, MAX_INPUT_LENGTH) : input)
                .toList();
        PasswordCheck check = policy.check(password, personal);
        List<String> explained = check.problems().stream()
                .map(problem -> messages.getMessage(problem.messageKey(), null, locale))
                .toList();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new Strength(check.score(), check.acceptable(), explained));
    }

    record Strength(int score, boolean acceptable, List<String> messages) {}
}
