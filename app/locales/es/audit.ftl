# La página del registro de auditoría: qué hizo alguien ($action) y sobre qué
# ($subject). Las acciones se guardan como códigos (`view manifest`); cada
# una tiene sus palabras abajo como audit-action-<código, con guiones>.

audit-entry = { $action }: { $subject }
# Partes de un asunto, una tras otra.
audit-parts = { $first } · { $rest }
# Una acción o un asunto que escribió una versión anterior de Hearth, tal como se guardó.
audit-as-stored = { $text }
# Una entrada que no hizo ninguna cuenta.
audit-by-hearth = Hearth (automático)
audit-event = actividad n.º { $id }
audit-event-titled = “{ $title }” (n.º { $id })
audit-person = persona n.º { $id }
audit-slot = elemento de la lista n.º { $id }
audit-claim = inscripción n.º { $id }
audit-song = canción n.º { $id }
audit-kiosk = tableta de quiosco n.º { $id }
audit-dates = del { $from } al { $to }
audit-language = idioma: { $language }
audit-slot-removed = se quitó el elemento, { $count ->
    [one] se liberó { $count } inscripción
   *[other] se liberaron { $count } inscripciones
} (personas { $people })
audit-claims-released = { $count ->
    [one] se liberó { $count } inscripción
   *[other] se liberaron { $count } inscripciones
}

audit-action-view-participation-report = Consultó el informe de participación
audit-action-export-participation-csv = Descargó el informe de participación
audit-action-view-manifest = Consultó la lista de pasajeros
audit-action-set-transport = Cambió la camioneta
audit-action-set-rules = Cambió quién puede venir
audit-action-view-roster = Consultó la lista de asistencia
audit-action-rsvp-despite-rules = Respondió por alguien a quien las reglas dejan fuera
audit-action-release-signups = Liberó inscripciones
audit-action-claim-signup = Anotó a alguien
audit-action-withdraw-signup = Retiró la inscripción de alguien
audit-action-view-signup-sheet = Consultó la hoja de inscripción
audit-action-view-karaoke-queue = Consultó la fila de canciones
audit-action-add-karaoke-song-for-a-person = Agregó una canción por alguien
audit-action-withdraw-karaoke-song-for-a-person = Retiró la canción de alguien
audit-action-karaoke-queue-up = Subió una canción en la fila
audit-action-karaoke-queue-down = Bajó una canción en la fila
audit-action-karaoke-queue-move = Movió una canción en la fila
audit-action-karaoke-queue-start = Empezó una canción
audit-action-karaoke-queue-sung = Marcó una canción como cantada
audit-action-karaoke-queue-skip = Saltó una canción
audit-action-karaoke-queue-requeue = Volvió a poner una canción en la fila
audit-action-set-language = Eligió el idioma de alguien
audit-action-disable-account = Desactivó una cuenta
audit-action-enable-account = Activó una cuenta
audit-action-reset-password = Restableció una contraseña
audit-action-sign-out-everywhere = Cerró todas las sesiones de alguien
audit-action-revoke-kiosk-tablet = Revocó una tableta de quiosco
audit-action-unlock-kiosk-tablet = Desbloqueó una tableta de quiosco
audit-action-change-meeting-panel = Cambió el panel externo de una reunión
audit-action-remove-meeting-panel = Quitó el panel externo de una reunión
