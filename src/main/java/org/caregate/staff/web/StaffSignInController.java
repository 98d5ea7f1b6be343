package org.caregate.staff.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class StaffSignInController {

    @GetMapping("/staff/sign-in")
    String signIn() {
        return "staff/sign-in";
    }
}
