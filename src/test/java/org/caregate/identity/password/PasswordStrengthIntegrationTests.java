package org.caregate.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.caregate.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@IntegrationTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PasswordStrengthIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aStrongPasswordIsAcceptableWithNothingToExplain() throws Exception {
        mvc.perform(post("/password-strength").with(csrf()).param("password", "orange tulip kettle ladder")
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_JSON_VALUE))
                .andExpect(jsonPath("$.score").value(4))
                .andExpect(jsonPath("$.acceptable").value(true))
                .andExpect(jsonPath("$.messages").isEmpty());
    }

    @Test
    void aCommonPasswordIsExplainedInPlainWords() throws Exception {
        mvc.perform(post("/password-strength").with(csrf()).param("password", "password1234")
                        .header("Accept-Language", "en-US"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.acceptable").value(false))
                .andExpect(jsonPath("$.score").value(1))
                .andExpect(jsonPath("$.messages[0]")
                        .value("This password is on a list of passwords people often use. Choose another."));
    }

    @Test
    void theNamesOnThePageCountAgainstThePassword() throws Exception {
        mvc.perform(post("/password-strength").with(csrf()).param("password", "MargaritaVillanueva1990")
                        .param("inputs", "Margarita Villanueva", "mvillanueva"))
                .andExpect(jsonPath("$.acceptable").value(false))
                .andExpect(jsonPath("$.messages[0]").value(
                        "Your password contains your name or other details about you. Choose words that have nothing to do with you."));
    }

    @Test
    void theBrowsersLanguageOrTheSwitchGivesSpanishMessages() throws Exception {
        String tooShort = "Use al menos 12 caracteres. Varias palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar.";
        mvc.perform(post("/password-strength").with(csrf()).param("password", "tulip")
                        .header("Accept-Language", "es-MX,es;q=0.9"))
                .andExpect(jsonPath("$.messages[0]").value(tooShort));
        mvc.perform(post("/password-strength?lang=es").with(csrf()).param("password", "tulip")
                        .header("Accept-Language", "en"))
                .andExpect(jsonPath("$.messages[0]").value(tooShort));
    }

    @Test
    void withoutTheCsrfTokenTheQuestionIsRefused() throws Exception {
        mvc.perform(post("/password-strength").param("password", "orange tulip kettle ladder"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/password-strength").with(csrf().useInvalidToken()).param("password", "orange tulip kettle ladder"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theAnswerIsNeverCachedAndThePasswordNeverLogged(CapturedOutput output) throws Exception {
        String password = "zebra quartz lantern " + System.nanoTime();
        var answer = mvc.perform(post("/password-strength").with(csrf()).param("password", password))
                .andExpect(status().isOk())
                .andReturn().getResponse();

        assertThat(answer.getHeader("Cache-Control")).contains("no-store");
        assertThat(answer.getContentAsString()).doesNotContain(password);
        assertThat(output.getAll()).doesNotContain(password);
    }

    @Test
    void aGetIsNotAnswered() throws Exception {
        mvc.perform(get("/password-strength").param("password", "orange tulip kettle ladder"))
                .andExpect(status().is4xxClientError());
    }

    @Test
    void theFieldRendersLabelHintSwitchAndMeter() throws Exception {
        String page = mvc.perform(get("/test/password-field").header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains(
                "<label for=\"newPassword\">New password</label>",
                "id=\"newPassword-hint\">At least 12 characters. A few unrelated words make a strong password.</p>",
                "type=\"password\" id=\"newPassword\" name=\"newPassword\" autocomplete=\"new-password\" minlength=\"12\" maxlength=\"256\"",
                "aria-describedby=\"newPassword-hint\"",
                "<div class=\"password-show\" hidden>", "type=\"checkbox\" id=\"newPassword-show\"",
                "<label for=\"newPassword-show\">Show password</label>",
                "<div class=\"password-meter\" hidden>", "<meter min=\"0\" max=\"4\"",
                "id=\"newPassword-strength\" aria-live=\"polite\"",
                "data-url=\"/password-strength\"", "data-label-4=\"Very hard to guess\"",
                "<script src=\"/js/password-strength.js\" defer></script>",
                "name=\"_csrf\"")
                .doesNotContain("aria-invalid", "field-error", "<script>");
    }

    @Test
    void afterARefusedSubmitTheFieldExplainsWhyInTheChosenLanguage() throws Exception {
        String page = mvc.perform(get("/test/password-field").param("refused", "password1234").param("lang", "es"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Contraseña nueva", "Elija otra contraseña",
                "Esta contraseña está en una lista de contraseñas que mucha gente usa. Elija otra.",
                "aria-describedby=\"newPassword-problems newPassword-hint\"", "aria-invalid=\"true\"")
                .doesNotContain("password1234");
    }

    @Test
    void theScriptIsServed() throws Exception {
        mvc.perform(get("/js/password-strength.js")).andExpect(status().isOk());
    }

    /** A page with the field, only in this test's context; the sign-up page comes later. */
    @TestConfiguration
    @Import(FieldPage.class)
    static class WithFieldPage {
        @org.springframework.context.annotation.Bean
        org.caregate.platform.PublicPaths testPages() {
            return org.caregate.platform.PublicPaths.of("/test/**");
        }
    }

    @TestComponent
    @Controller
    static class FieldPage {

        private final PasswordPolicy policy;

        FieldPage(PasswordPolicy policy) {
            this.policy = policy;
        }

        @GetMapping("/test/password-field")
        String page(@RequestParam(required = false) String refused, Model model) {
            if (refused != null) {
                model.addAttribute("passwordCheck", policy.check(refused, java.util.List.of()));
            }
            return "test/password-field";
        }
    }
}
