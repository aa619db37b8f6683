# Lo que sale mal y lo que una persona puede hacer al respecto. Los mensajes
# que reciben otro mensaje (`$label`) lo reciben en el mismo idioma.

## Cualquier formulario.

field-required = Completa el campo “{ $label }”.
field-too-long = El campo “{ $label }” admite hasta { $max } caracteres (ahora tiene { $length }).
error-form-has-errors = Revisa los campos marcados abajo, por favor.
error-form-unreadable = No se pudo leer el formulario: { $detail }
error-form-field-missing = Falta un campo: { $name }

## Errores que puede devolver cualquier página o llamada a la API.

error-unauthorized = Inicia sesión para continuar.
error-forbidden = No tienes permiso para hacer eso.
error-csrf = Este formulario venció o se envió desde otro sitio. Vuelve a cargar la página e inténtalo de nuevo.
error-not-found = No se encontró.
error-rate-limited = { $minutes ->
    [one] Demasiados intentos. Vuelve a intentarlo en { $minutes } minuto.
   *[other] Demasiados intentos. Vuelve a intentarlo en { $minutes } minutos.
}
error-rate-limited-seconds = { $seconds ->
    [one] Demasiados intentos. Vuelve a intentarlo en { $seconds } segundo.
   *[other] Demasiados intentos. Vuelve a intentarlo en { $seconds } segundos.
}
error-busy = Hearth está muy ocupado en este momento. Vuelve a intentarlo en unos segundos.
error-unreachable = No se pudo conectar con Hearth. Revisa la conexión e inténtalo de nuevo.
error-internal = Algo salió mal de nuestro lado. Inténtalo de nuevo, por favor.
error-already-exists = Eso ya existe.
field-not-a-number = En “{ $label }” va un número entero (escribiste “{ $input }”).
field-date-required = Elige una fecha.
field-time-required = Elige una hora o marca “Todo el día”.
field-guests = Acompañantes

## Actividades.

event-kind-unknown = “{ $input }” no es un tipo de actividad; elige uno de estos: { $kinds }.
event-audience-unknown = “{ $input }” no es un público válido; elige everyone, staff o clients.
event-venue-unknown = “{ $input }” no es un lugar válido; elige on_site u off_site.
event-fellowship-unknown = “{ $input }” no es una comunidad válida; elige aa, na, ca, cma, al_anon u other.
event-meeting-types-unknown = { $count ->
    [one] Código de tipo de reunión desconocido: { $codes }.
   *[other] Códigos de tipo de reunión desconocidos: { $codes }.
}
event-end-before-start = El final tiene que ser después del inicio.
event-too-long = Una actividad puede durar como máximo { $days } días.
event-time-ambiguous = El { $date }, la hora { $time } ocurre dos veces en { $zone } porque se atrasan los relojes; Hearth usa la primera ({ $abbreviation }).
event-capacity-range = El cupo es un número de lugares del 1 al { $max }.
event-rsvp-closes-too-early = Las confirmaciones pueden cerrarse como máximo { $hours } horas antes del inicio.
event-too-many-guests = Permite como máximo { $max } acompañantes por persona.
event-twelve-step-names-hidden = Quién asiste a una reunión de 12 pasos nunca se muestra a los residentes.
event-fellowship-required = Elige la comunidad de la reunión.
event-fellowship-only-twelve-step = Solo las reuniones de 12 pasos tienen comunidad.
event-series-ends-before-start = La serie tiene que terminar en su primera fecha o después.
event-first-date-moved = La serie no se repite el { $chosen }, así que empieza el { $first }.
event-host-choose = Elige de la lista a la persona responsable.
event-repeat-unknown = “{ $input }” no es una forma de repetir válida.
event-weekday-unknown = “{ $input }” no es un día de la semana.
event-interval-range = El intervalo de repetición va de 1 a { $max } (escribiste “{ $input }”).
event-count-not-a-number = Indica cuántas veces, con un número entero.
event-end-unknown = “{ $input }” no es una forma válida de terminar una serie.

## Fechas y horas que escribe la gente.

time-does-not-exist = El { $date }, la hora { $time } no existe en { $zone }: los relojes se saltan esa hora por el horario de verano. Elige otra hora.
time-zone-unknown = “{ $input }” no es un nombre de zona horaria; usa un nombre IANA como America/New_York.
time-date-malformed = Escribe la fecha como año-mes-día, por ejemplo 2026-03-14 (escribiste “{ $input }”).
time-date-not-on-calendar = { $input } no es una fecha válida.
time-date-out-of-range = Elige una fecha entre el { $first } y el { $last }.
time-malformed = Escribe la hora como horas y minutos, por ejemplo 19:00 (escribiste “{ $input }”).

## Actividades que se repiten.

repeat-interval-range = El intervalo de repetición va de 1 a { $max } semanas, meses o años.
repeat-days-required = Elige al menos un día de la semana.
repeat-month-day-range = Elige un día del mes del 1 al 31.
repeat-nth-range = Elige qué día de la semana del mes: del primero al quinto, o el último.
repeat-month-range = Elige un mes del 1 al 12.
repeat-count-range = Una serie puede tener de 1 a { $max } fechas.
repeat-not-last-weekday = El { $date } no es el último { $weekday } del mes; elige una fecha que sí lo sea u otra forma de repetir.
repeat-produces-nothing = Con esta regla no queda ninguna fecha: revisa la fecha de fin y los días elegidos.
repeat-too-often = Esta regla se repite más de { $max } veces al año; Hearth planea como máximo esa cantidad de fechas por serie.

## Reglas de repetición enviadas por la API (RRULE de RFC 5545).

rrule-unreadable = No se pudo leer la RRULE: { $detail }
rrule-freq-unsupported = FREQ={ $freq } no se admite: Hearth repite actividades por semana, mes o año.
rrule-daily-unsupported = FREQ=DAILY no se admite: usa FREQ=WEEKLY con BYDAY y la lista de días (p. ej., BYDAY=MO,TU,WE,TH,FR,SA,SU).
rrule-part-unsupported = { $part } no se admite en las reglas de Hearth.
rrule-wkst-unsupported = Solo se admite WKST=MO (el valor predeterminado).
rrule-count-and-until = Indica COUNT o UNTIL, no ambos.
rrule-only-one = Solo se admite un { $what }.
rrule-which-weekday = Indica qué día de la semana del mes, p. ej., BYDAY=2TU o BYDAY=-1FR.
rrule-byday-and-bysetpos = Indica BYDAY=2TU o BYDAY=TU;BYSETPOS=2, no ambos.
rrule-weekly-only-byday = Una regla semanal solo admite BYDAY.
rrule-weekly-plain-days = Una regla semanal admite solo días simples, como BYDAY=TU,TH.
rrule-monthly-no-bymonth = Una regla mensual no admite BYMONTH.
rrule-bymonthday-and-byday = Indica BYMONTHDAY o BYDAY, no ambos.
rrule-negative-month-day = No se admite contar los días desde el final del mes.

## Personas.

person-role-unknown = “{ $input }” no es un rol válido; elige admin, recreation_staff, staff o client.
person-email-required = Falta el correo electrónico.
person-email-invalid = “{ $input }” no es una dirección de correo electrónico.
person-password-too-short = Usa una contraseña de al menos { $min } caracteres.
person-password-too-long = Usa una contraseña de { $max } caracteres como máximo.

## Confirmaciones y registro de asistencia.

rsvp-answer-unknown = “{ $input }” no es una respuesta válida; usa going, maybe o not_going.
rsvp-guests-no-room = { $free ->
    [one] Hay lugar para { $free } acompañante como máximo; no se cambió nada.
   *[other] Hay lugar para { $free } acompañantes como máximo; no se cambió nada.
}
rsvp-engagement-unknown = “{ $input }” no es un código de asistencia válido; usa attended, left_early, refused, unavailable o no_show.
occurrence-key-invalid = “{ $input }” no es una clave de fecha válida; las claves son así: 20261208T000000Z.
field-number-range = En “{ $label }” va un número entero del 1 al { $max } (escribiste “{ $input }”).

## Camionetas y quién puede venir.

transport-driver-choose = Elige de la lista quién maneja.
transport-returns-before-departs = La camioneta tiene que regresar después de salir.
transport-seats-required = Indica cuántos asientos tiene la camioneta.
transport-house-too-long = El nombre de una casa admite hasta { $max } caracteres.
transport-too-many-houses = Indica como máximo { $max } casas.
transport-min-days-no-admission = { $days ->
    [one] Esta actividad es para residentes que lleven al menos { $days } día en el centro, y tu fecha de ingreso no está registrada. Pregúntale a alguien del personal.
   *[other] Esta actividad es para residentes que lleven al menos { $days } días en el centro, y tu fecha de ingreso no está registrada. Pregúntale a alguien del personal.
}
transport-min-days-not-yet = { $days ->
    [one] Esta actividad es para residentes que, en la fecha de la actividad, lleven al menos { $days } día en el centro. Podrás unirte a actividades como esta a partir del { $from }.
   *[other] Esta actividad es para residentes que, en la fecha de la actividad, lleven al menos { $days } días en el centro. Podrás unirte a actividades como esta a partir del { $from }.
}
transport-houses-only = Esta actividad es para residentes de { $houses }.

## Platillos de la comida compartida y tareas para ayudar.

signup-category-unknown = “{ $input }” no es una categoría válida; para platillos: main, side, dessert, drinks o supplies; para tareas: set_up, decorate, cook, clean_up u other.
signup-allergen-unknown = “{ $input }” no es una etiqueta de alérgeno válida; usa nuts, gluten, dairy, eggs, shellfish, soy, vegetarian o vegan.
signup-quantity-range = La cantidad es un número entero del 1 al { $max }.

## La fila del karaoke.

karaoke-control-characters = Usa solo letras, números y signos de puntuación.
karaoke-position-required = Indica un lugar en la fila: un número entero desde 1.
karaoke-action-unknown = “{ $input }” no es una acción de la fila; usa up, down, move, start, sung, skip o requeue.
karaoke-limit-reached = Cada persona puede tener hasta { $limit } canciones esperando en la fila a la vez, para que a todo el mundo le toque su turno. Vuelve a intentarlo cuando se cante una de las tuyas.
karaoke-song-not-in-queue = Esa canción no está en esta fila.
karaoke-only-queued-can-move = Solo se puede mover una canción que está esperando en la fila.
karaoke-already-on = Esta canción ya está sonando.
karaoke-only-queued-can-start = Solo puede empezar una canción que está esperando en la fila.
karaoke-only-singing-can-be-sung = Solo la canción que se está cantando se puede marcar como cantada.
karaoke-already-finished = Esta canción ya terminó.
karaoke-only-skipped-requeue = Solo una canción saltada puede volver a la fila.

## Paneles externos de las reuniones de 12 pasos.

panel-first-name-required = Cada integrante del panel necesita un nombre de pila.
panel-first-name-too-long = “{ $name }” es demasiado largo para un nombre de pila ({ $max } caracteres como máximo).
panel-not-a-first-name = “{ $name }” no es un nombre de pila: usa solo letras (sin correos electrónicos, números de teléfono ni títulos).
panel-full-name = “{ $name }” parece un nombre completo. Los paneles se anotan solo con el nombre de pila (como mucho, la inicial del apellido, como en “Mike R.”).
panel-too-many-members = Anota como máximo { $max } integrantes del panel.
panel-phone-invalid = “{ $phone }” no es un número de teléfono (dígitos, espacios, + - ( ) y x para la extensión).

## Importar un archivo de Meeting Guide. `slug`, `day` y similares son los
## nombres de campo del propio archivo: se dejan como están.

guide-not-json = El archivo no es JSON válido (línea { $line }, columna { $column }): un archivo de Meeting Guide es un arreglo JSON de reuniones.
guide-not-a-list = El archivo es JSON, pero no es una lista de reuniones: un archivo de Meeting Guide es un arreglo JSON.
guide-too-many = El archivo tiene { $count } reuniones; Hearth importa como máximo { $max } a la vez.
guide-entry-not-object = La entrada no es un objeto JSON.
guide-slug-twice = El slug se usa dos veces (la primera vez, en la entrada #{ $first }); cada slug debe ser único.
guide-json-type = { $type ->
    [null] null
    [bool] true/false
    [number] un número
    [list] una lista
    [object] un objeto
   *[text] texto
}
guide-field-not-text = `{ $field }` debería ser texto, pero es { $type }.
guide-time-invalid = `{ $field }` “{ $input }” no es una hora del día en formato HH:MM (24 horas).
guide-day-out-of-range = `day` { $day } no es un día de la semana (0 es domingo, 6 es sábado).
guide-day-invalid = `day` debería ser un número del 0 (domingo) al 6 (sábado), o una lista de ellos, pero es { $value }.
guide-attendance-unknown = `attendance_option` “{ $input }” no es ninguno de estos: in_person, hybrid, online, inactive.
guide-field-missing = Falta `{ $field }`.
guide-slug-invalid = `slug` debería ser texto o un número entero, y no puede estar vacío.
guide-slug-too-long = `slug` tiene más de { $max } caracteres.
guide-type-not-text = `types` debería ser una lista de códigos, pero uno es { $type }.
guide-types-not-list = `types` debería ser una lista de códigos como ["O", "D"], pero es { $type }.
guide-field-not-number = `{ $field }` debería ser un número, pero es { $type }.
guide-online-only = Solo en línea: no hay un lugar al que ir en camioneta, así que no se importa.
guide-inactive = Inactiva (el archivo dice que por ahora no se reúne).
guide-no-day = No tiene `day`: las reuniones con cita previa no tienen un horario semanal para poner en el calendario.
guide-day-empty = `day` es una lista vacía.
guide-time-not-text = `time` debería ser texto como “19:30”, pero es { $type }.
guide-zone-unknown = `timezone` “{ $input }” no es un nombre de zona horaria (usa uno como America/New_York).
guide-no-address = No tiene dirección ni lugar: una reunión presencial lo necesita para la camioneta.
guide-description-group = Grupo: { $group }
guide-description-region = Región: { $region }
person-first-name-too-long = Usa un nombre de pila de { $max } caracteres como máximo.
person-client-name-shape = Escribe el nombre de preferencia y la inicial del apellido, como “Maria G.” (Hearth no guarda los apellidos completos de los residentes).
person-login-invalid = Para el nombre de usuario, usa de 3 a 40 letras, dígitos, puntos o guiones.
person-pin-invalid = El PIN tiene de { $digits } a 8 dígitos.
person-pin-guessable = Elige un PIN más difícil de adivinar: que no sea un solo dígito repetido, una serie como 123456, un año ni una fecha.
person-client-name-one-first-name = Escribe un solo nombre de preferencia y la inicial del apellido, como “Maria G.” o “Ana-Luisa G.” (Hearth no guarda los apellidos de los residentes).

## Inicio de sesión.

auth-email-required = Escribe tu correo electrónico o tu nombre de usuario.
auth-password-required = Escribe tu contraseña.
auth-wrong-credentials = Ese correo (o nombre de usuario) y esa contraseña no coinciden con ninguna cuenta.
auth-wrong-pin = Ese PIN no es correcto. Inténtalo de nuevo o pídele ayuda al personal.
auth-no-such-email = No hay ninguna cuenta con el correo { $email }.
kiosk-not-enrolled-error = Este navegador no está configurado como quiosco.

## Todo lo demás que configura el personal.

panel-only-on-site-meetings = Solo las reuniones de 12 pasos en el centro tienen panel externo; primero convierte la actividad en reunión de 12 pasos en el centro.
event-cancelled-no-changes = Esta actividad está cancelada, así que ya no se puede cambiar.
report-end-before-start = La fecha de fin tiene que ser igual o posterior a la de inicio.
report-range-too-long = Pide como máximo un año a la vez.
template-exists = Ya existe una plantilla llamada “{ $name }”.
feed-discharged-no-renewal = No se puede renovar el enlace del calendario de una persona dada de alta.
feed-alarm-choose = Elige uno de los recordatorios que se ofrecen.
transport-only-off-site = Solo las actividades fuera del centro tienen camioneta. Primero indica que el lugar de la actividad es fuera del centro.
transport-driver-not-staff = Quien maneja tiene que ser parte del personal activo.
occurrence-not-of-event = { $key } no es una fecha de esta actividad.
occurrence-cancelled = Esta fecha está cancelada.
person-discharged = Esta persona ya fue dada de alta.
rsvp-started = Esta fecha ya empezó; ya no se puede confirmar asistencia.
rsvp-closed-ask-staff = Ya se cerraron las confirmaciones para esta fecha. Si todavía quieres venir, pregúntale a alguien del personal.
rsvp-guests-allowed = { $max ->
    [0] Esta actividad no admite acompañantes.
    [one] Esta actividad admite hasta { $max } acompañante por persona.
   *[other] Esta actividad admite hasta { $max } acompañantes por persona.
}
rsvp-just-filled = Se acaba de llenar; inténtalo de nuevo, por favor.
rsvp-attendance-not-ahead = La asistencia se registra el mismo día, no antes.
karaoke-going-only = Solo quienes van pueden agregar canciones. Primero responde “Voy”.
karaoke-only-queued-withdraw = Solo se puede retirar una canción que todavía está esperando en la fila.

## Inscripciones.

signup-started = Esta fecha ya empezó; las inscripciones están cerradas.
signup-none-at-meetings = Las reuniones de 12 pasos no tienen inscripciones.
signup-dishes-only-potlucks = Los platillos son para las comidas compartidas; esta actividad puede tener tareas para ayudar (preparar el lugar, decorar, cocinar, limpiar u otra).
signup-no-tasks = Esta actividad no tiene tareas para ayudar.
signup-dish-stays-dish = Un platillo sigue siendo un platillo: elige platillo principal, guarnición, postre, bebidas o utensilios y desechables.
signup-task-stays-task = Una tarea sigue siendo una tarea: elige preparar el lugar, decorar, cocinar, limpiar u otra.
signup-quantity-below-claims = Ya hay inscripciones para esto: { $claimed }. La cantidad no puede ser menor que { $claimed }.
signup-going-first = Las inscripciones son para quienes van: primero responde “Voy” y después elige qué traer.
signup-person-not-going = Esta persona no va en esta fecha: primero confirma su asistencia en su nombre.
signup-already-yours = Ya te anotaste para esto.
signup-already-theirs = Esta persona ya se anotó para esto.
signup-last-one-taken = Alguien acaba de tomar el último. Gracias, ¿podrías elegir otra cosa?
signup-alcohol-refusal-default = ¡Gracias por ofrecerte! Nuestra casa es un espacio libre de alcohol, así que no podemos recibir platillos preparados con alcohol, aunque se haya evaporado al cocinarlos. ¿Te animas a traer otra cosa?
# Palabras que escribió el propio centro (se muestran tal cual, en todos los idiomas).
facility-words = { $text }
person-discharge-before-admission = La fecha de alta tiene que ser igual o posterior a la fecha de ingreso.
person-email-taken = Ya existe una cuenta con el correo { $email }.
person-clients-added-separately = Los residentes se agregan con sus propios datos (add_client).
person-login-taken = Ese correo o nombre de usuario ya está en uso; elige otro.
person-no-free-login = No hay un nombre de usuario disponible; escribe uno.
person-pin-clients-only = Solo los residentes inician sesión con PIN.
person-discharge-clients-only = Solo se da de alta a residentes; las cuentas del personal las cierra la administración.
person-not-discharged = Esta persona no está de alta.
event-changes-dropped = { $count ->
    [one] { $count } cambio en una sola fecha ya no coincide con la serie y se eliminó.
   *[other] { $count } cambios en fechas sueltas ya no coinciden con la serie y se eliminaron.
}
window-to-before-from = `to` tiene que ser posterior a `from`.
window-too-long = Pide como máximo { $days } días a la vez.
occurrence-skip-one-off = Solo se pueden quitar fechas de una serie; en este caso, cancela la actividad.
karaoke-night-over = Esta noche de karaoke ya terminó.
guide-staff-cancelled = El personal canceló esta reunión en Hearth, así que la importación la deja cancelada.
guide-unknown-types = { $count ->
    [one] Se omitió un código de tipo desconocido: { $codes }.
   *[other] Se omitieron códigos de tipo desconocidos: { $codes }.
}
guide-not-stored = No se pudo guardar: { $reason }

## Unir varios mensajes en uno.

sentences = { $first } { $rest }
import-cancelled-in-hearth = La actividad está cancelada en Hearth, así que la importación la deja como está.

## Importar un archivo .ics. DTSTART, RRULE y similares son palabras del
## propio archivo: se dejan como están.

ics-too-large = El archivo pesa más de { $megabytes } MB.
ics-not-icalendar = Este no es un archivo iCalendar (no empieza con BEGIN:VCALENDAR).
ics-too-many-events = El archivo tiene { $count } eventos; Hearth importa como máximo { $max } a la vez. Divide el archivo o importa un período más corto.
ics-bad-line = No se pudo leer el archivo como iCalendar: la línea { $line } (“{ $shown }”) no tiene la forma NOMBRE:valor.
ics-no-uid = No tiene UID, así que una importación posterior no podría actualizarlo.
ics-duplicate-uid = Otro evento del archivo tiene el mismo UID; se conservó el último.
ics-orphan-override = Un cambio en una fecha de una serie que no está en el archivo.
ics-unreadable = No se pudo leer el archivo como iCalendar.
ics-unreadable-line = No se pudo leer el archivo como iCalendar: la línea { $line } (“{ $shown }”) no es una propiedad o le falta su END.
ics-unreadable-near = No se pudo leer el archivo como iCalendar cerca de la línea { $line }.
ics-zone-unknown = { $property } usa la zona horaria “{ $tzid }”, que Hearth no conoce.
ics-not-a-date = { $property } “{ $value }” no es una fecha ni una hora.
ics-no-start = No tiene inicio (DTSTART).
ics-bad-duration = No se puede leer la DURATION “{ $value }”.
ics-no-title = No tiene título (SUMMARY).
ics-several-rrules = Se repite según más de una RRULE, y Hearth no puede mostrarlo.
ics-rdate = Se repite en una lista de fechas adicionales (RDATE), y Hearth no puede mostrarlo.
ics-no-recurrence-id = No tiene RECURRENCE-ID.
ics-override-switches-all-day = Un cambio en una fecha pasa de todo el día a un horario (o al revés), y Hearth no puede mostrarlo.
ics-untitled = (un evento sin título)
error-unknown-action = Acción desconocida: “{ $input }”.
error-unknown-scope = Alcance desconocido: “{ $input }”.
field-person-choose = Elige a una persona de la lista.
rsvp-guests-not-a-number = La cantidad de acompañantes es un número entero.
settings-number-range = Usa un número entero del { $min } al { $max }.
settings-clock-unknown = Elige el formato de 12 o de 24 horas.
settings-first-day-unknown = Elige domingo, lunes o sábado.

## La API JSON.

api-body-invalid = El cuerpo de la solicitud no es válido: { $detail }
api-body-not-json-content-type = Envía el cuerpo como JSON con Content-Type: application/json.
api-body-unreadable = No se pudo leer el cuerpo de la solicitud: { $detail }
api-query-invalid = La cadena de consulta no es válida: { $detail }

## Subir un archivo para importar.

upload-unreadable = No se pudo leer el archivo subido; inténtalo de nuevo.
upload-too-large = No se pudo leer el archivo; se aceptan archivos de hasta { $megabytes } MB.
upload-not-utf8 = El archivo no es texto UTF-8, así que no es un archivo .ics ni JSON.
upload-not-multipart = Envía el formulario como multipart/form-data con un archivo.
upload-choose-ics = Elige un archivo .ics para importar.
upload-choose-guide = Elige un archivo JSON de Meeting Guide para importar.
upload-body-not-utf8 = El cuerpo de la solicitud no es texto UTF-8.
event-kind-required = Elige un tipo de actividad.
api-all-day-start-date = Las actividades de todo el día necesitan start_date (AAAA-MM-DD).
api-instant-required = Indica { $field } como una hora RFC 3339, por ejemplo 2026-12-04T19:00:00-05:00.
api-not-an-instant = “{ $input }” no es una hora RFC 3339 con desfase horario, como 2026-12-04T19:00:00-05:00.
api-status-unknown = “{ $input }” no es un estado válido; usa scheduled, cancelled o skipped.
api-all-day-dates = Indica start_date (y end_date) como AAAA-MM-DD.
form-too-large = El formulario es demasiado grande.
form-not-urlencoded = Envía el formulario codificado como URL (url-encoded).

## Nombres de campo, que se usan dentro de los mensajes de arriba
## (Completa el campo “…”.), así que van sin artículo.

field-capacity = Cupo
field-hours = Horas
field-song-title = Título de la canción
field-artist = Artista
field-dish = Lo que vas a traer
field-notes = Notas
field-message = Mensaje
field-van-seats = Asientos de la camioneta
field-days-since-admission = Días desde el ingreso
field-clients-per-staff = Residentes por integrante del personal
field-group-name = Nombre del grupo
field-name = Nombre
field-house = Casa
event-series-too-long = Una serie puede terminar como máximo { $years } años después de su primera fecha; deja el final abierto si continúa.
ics-too-many-lines = El archivo tiene más de { $max } líneas; Hearth no lee archivos tan largos.
ics-line-too-long = No se pudo leer el archivo como iCalendar: la línea { $line } tiene más de { $kilobytes } KB al unir sus líneas de continuación.
ics-too-deep = No se pudo leer el archivo como iCalendar: la línea { $line } abre un componente anidado a más de { $max } niveles, algo que ningún calendario escribe.
ics-end-mismatch = No se pudo leer el archivo como iCalendar: la línea { $line } cierra { $ended } mientras { $begun } sigue abierto.
ics-end-without-begin = No se pudo leer el archivo como iCalendar: la línea { $line } cierra { $ended }, que nunca se abrió.
ics-too-many-properties = No se pudo leer el archivo como iCalendar: en la línea { $line } un componente tiene más de { $max } propiedades.
ics-not-ended = No se pudo leer el archivo como iCalendar: termina antes de END:{ $begun }.
guide-too-large = El archivo pesa más de { $megabytes } MB.
api-body-not-object = Envía el cuerpo como un objeto JSON, con los campos por nombre.
event-host-not-staff = La persona responsable debe ser parte del personal activo de este centro.
rrule-not-ascii = Una RRULE se escribe en ASCII simple: letras, números y ; = , + -
auth-account-disabled = Esta cuenta está desactivada. Habla con la administración.
kiosk-locked = Esta tableta se bloqueó por demasiados PIN incorrectos. Pide a alguien del personal que la desbloquee.
auth-wrong-current-password = Esa no es tu contraseña actual.
auth-new-password-same = Elige una contraseña distinta de la que tenías.
person-disable-self = No puedes desactivar tu propia cuenta.
error-language-unknown = Hearth no está disponible en el idioma “{ $code }”.
