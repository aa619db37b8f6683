use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::SignIn;
use crate::components::form::{
    CsrfField, FieldMessage, FormFeedback, focus_if_invalid, follow_done, invalid,
};
use crate::i18n::use_i18n;

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<SignIn>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), SignIn::url());
    let next = use_query_map()
        .get_untracked()
        .get("next")
        .unwrap_or_default();
    let next = feedback.initial("next", next);
    let email_error = feedback.field("email");
    let password_error = feedback.field("password");
    let general = feedback.general();
    view! {
        <Title text=t.sign_in_heading() />
        <section class="narrow">
            <h1>{t.sign_in_heading()}</h1>
            <p>{t.sign_in_intro()}</p>
            <ActionForm action attr:novalidate=true attr:class="stacked">
                <CsrfField />
                <input type="hidden" name="next" value=next />
                <p class="form-error" role="alert" hidden=move || general.get().is_none()>
                    {move || general.get().unwrap_or_default()}
                </p>
                <div class="field">
                    <label for="email">{t.sign_in_name()}</label>
                    <input
                        id="email"
                        name="email"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        value=feedback.initial("email", String::new())
                        aria-describedby="email-error"
                        aria-invalid=invalid(email_error) autofocus=focus_if_invalid(email_error)
                    />
                    <FieldMessage id="email-error" message=email_error />
                </div>
                <div class="field">
                    <label for="password">{t.password()}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        aria-describedby="password-error"
                        aria-invalid=invalid(password_error) autofocus=focus_if_invalid(password_error)
                    />
                    <FieldMessage id="password-error" message=password_error />
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {t.sign_in()}
                </button>
            </ActionForm>
        </section>
    }
}
