package org.caregate.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Lets {@code ?lang=} switch only to a language the portal has texts for. */
class SupportedLanguageOnly implements HandlerInterceptor {

    private final LocaleChangeInterceptor delegate;

    SupportedLanguageOnly(LocaleChangeInterceptor delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        String wanted = request.getParameter(delegate.getParamName());
        boolean supported = wanted != null && LanguageConfiguration.SUPPORTED.stream()
                .anyMatch(l -> l.getLanguage().equals(wanted));
        return !supported || delegate.preHandle(request, response, handler);
    }
}
