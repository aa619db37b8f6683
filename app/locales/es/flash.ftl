# Avisos que se muestran una sola vez, después de hacer algo.

flash-template-saved = Se guardó como la plantilla “{ $name }”.
flash-template-deleted = Se eliminó la plantilla.
flash-kiosk-enrolled = Esta tableta ahora es un quiosco.
flash-date-skipped = Se quitó esa fecha del calendario.
flash-date-cancelled = Se canceló esa fecha.
flash-date-restored = Esa fecha vuelve a estar en el calendario.
flash-date-changed = Se cambió esta fecha.
flash-following-changed = Se cambiaron esta fecha y las siguientes.
flash-event-created = Se creó la actividad.
flash-changes-saved = Se guardaron los cambios.
flash-event-cancelled = Se canceló la actividad.
flash-panel-removed = Se quitó el panel.
flash-panel-saved = Se guardó el panel.
flash-saved = Listo, se guardó.
flash-added = Listo, se agregó.
flash-slot-removed = { $released ->
    [0] Listo, se quitó.
    [one] Listo, se quitó. { $released } persona se había anotado: se canceló su inscripción. Por favor, avísale.
   *[other] Listo, se quitó. { $released } personas se habían anotado: se cancelaron sus inscripciones. Por favor, avísales.
}
flash-signed-up-self = ¡Gracias! Ya te anotaste.
flash-signed-up = Inscripción registrada.
flash-signup-withdrawn = Se canceló la inscripción.
flash-potluck-message-saved = Se guardó el mensaje de la comida compartida.
flash-answer-removed = Se quitó la respuesta.
flash-answer-saved = Se guardó la respuesta.
flash-rsvp-going = Ya estás en la lista.
flash-rsvp-waitlisted-at = Por ahora no hay lugar: quedaste en la lista de espera, en el puesto { $position }.
flash-rsvp-waitlisted = Por ahora no hay lugar: quedaste en la lista de espera.
flash-rsvp-maybe = Se guardó como “Tal vez”.
flash-rsvp-not-going = Se guardó como “No voy”.
flash-attendance-saved = Se guardó la asistencia.
flash-feed-link-ready = Tu enlace del calendario está listo. Agrégalo al teléfono ahora: solo se muestra mientras esta página esté abierta.
flash-feed-link-ready-other = El enlace del calendario está listo. Agrégalo ahora a su teléfono: solo se muestra mientras esta página esté abierta.
flash-feed-link-off = Se desactivó el enlace del calendario. Los calendarios suscritos se vaciarán en su próxima actualización.
flash-calendar-settings-saved = Se guardaron los ajustes del calendario.
flash-song-added = La canción está en la fila.
flash-song-withdrawn = Se retiró la canción.
flash-queue-updated = Se actualizó la fila.
flash-client-added-email = Se agregó a { $name }, que inicia sesión con { $email }.
flash-client-added-login = Se agregó a { $name }, que inicia sesión como “{ $login }”.
flash-client-added = Se agregó a { $name }, que todavía no tiene cómo iniciar sesión.
flash-discharged = Alta registrada: se desactivó su inicio de sesión y se liberaron sus lugares.
flash-readmitted = Readmisión registrada.
flash-pin-removed = Se quitó el PIN.
flash-pin-set = Se guardó el PIN.
flash-settings-saved = Se guardaron los ajustes.
flash-feed-settings-saved = Se guardaron los ajustes de los enlaces del calendario.
flash-van-removed = Se quitó la camioneta.
flash-transport-saved = Se guardó el transporte.
flash-rules-saved = Se guardaron las reglas.
flash-kiosk-revoked = Se revocó el acceso de la tableta: ya no es un quiosco.
flash-kiosk-unlocked = La tableta quedó desbloqueada.
flash-password-changed = Se cambió tu contraseña.
flash-session-ended = Se cerró esa sesión.
flash-other-sessions-ended = Se cerraron todas las demás sesiones.
flash-account-disabled = La cuenta quedó desactivada: sus sesiones, tokens de API, enlace del calendario y PIN del quiosco dejaron de funcionar.
flash-account-enabled = La cuenta está activa otra vez.
flash-token-revoked = El token de API quedó revocado.
flash-password-reset = Abajo aparece una contraseña temporal, una sola vez. Entrégasela en persona; al iniciar sesión, tendrá que elegir una nueva.
flash-signed-out-everywhere = Se cerraron todas sus sesiones, en cada navegador y quiosco.
flash-language-saved = Idioma guardado.
