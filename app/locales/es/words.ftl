## Palabras que llevan números, nombres u opciones.

rsvp-closes-before = { $hours ->
    [one] Puedes confirmar tu asistencia hasta { $hours } hora antes del inicio.
   *[other] Puedes confirmar tu asistencia hasta { $hours } horas antes del inicio.
}
repeat-choice-name = { $choice ->
    [never] No se repite
    [weekly] Cada semana
    [monthly_day] Cada mes el mismo día
    [monthly_nth] Cada mes el mismo día de la semana (p. ej., el segundo martes)
    [monthly_last] Cada mes el último de ese día de la semana (p. ej., el último viernes)
    [yearly_day] Cada año en la misma fecha
    [yearly_nth] Cada año el mismo día de la semana (p. ej., el cuarto jueves de noviembre)
   *[yearly_last] Cada año el último de ese día de la semana (p. ej., el último lunes de mayo)
}
# Va delante del nombre de un día de la semana (masculino): "el primer viernes".
ordinal = { $n ->
    [1] primer
    [2] segundo
    [3] tercer
    [4] cuarto
    [5] quinto
   *[other] último
}
audience-name = { $audience ->
    [everyone] Todas las personas
    [staff] Solo personal
   *[clients] Residentes
}
van-seats-fact = { $seats ->
    [one] En camioneta: { $seats } asiento
   *[other] En camioneta: { $seats } asientos
}
rule-min-days = { $days ->
    [one] Residentes que, en la fecha de la actividad, lleven al menos { $days } día en el centro
   *[other] Residentes que, en la fecha de la actividad, lleven al menos { $days } días en el centro
}
rule-houses = Residentes de { $houses }
rule-ratio = { $clients ->
    [one] 1 integrante del personal por cada residente
   *[other] 1 integrante del personal por cada { $clients } residentes
}
ratio-warning-text = No se cumple la proporción de personal: para { $clients ->
    [one] { $clients } residente que va
   *[other] { $clients } residentes que van
} { $needed ->
    [one] se necesita { $needed } integrante del personal
   *[other] se necesitan { $needed } integrantes del personal
} (1 por cada { $per }), y del personal { $staff ->
    [one] solo va { $staff }
   *[other] solo van { $staff }
}.
manifest-seats-of = { $taken } de { $seats ->
    [one] { $seats } asiento ocupado
   *[other] { $seats } asientos ocupados
}
manifest-riding = { $taken ->
    [one] { $taken } persona a bordo
   *[other] { $taken } personas a bordo
}
manifest-guests = { $guests ->
    [one] +{ $guests } acompañante
   *[other] +{ $guests } acompañantes
}
rsvp-count-going = { $going ->
    [0] Nadie va todavía
    [one] Va { $going } persona
   *[other] Van { $going } personas
}
rsvp-count-going-of = { $going } de { $capacity ->
    [one] { $capacity } lugar ocupado
   *[other] { $capacity } lugares ocupados
}
rsvp-count-waitlisted = , { $waitlisted } en lista de espera
rsvp-count-maybe = , { $maybe } tal vez
you-are-going-with = { $guests ->
    [one] Confirmaste que vas, con { $guests } acompañante.
   *[other] Confirmaste que vas, con { $guests } acompañantes.
}
you-are-waitlisted = Por ahora no hay lugar: estás en la lista de espera, en el puesto { $position }.
rsvp-state-name = { $state ->
    [going] Asistencia confirmada
    [waitlisted] En lista de espera
    [maybe] Tal vez
   *[not_going] No asistirá
}
engagement-name = { $code ->
    [attended] Asistió
    [left_early] Se fue antes
    [refused] Se negó
    [unavailable] No pudo asistir (enfermedad u otro motivo)
   *[no_show] No se presentó
}
roster-summary = { $going ->
    [one] Va { $going }
   *[other] Van { $going }
}, { $listed } en la lista.
stay-from-to = { $from } – { $to }
stay-since = desde { $from }
role-name = { $role ->
    [admin] Administración
    [recreation_staff] Personal de recreación
    [staff] Personal
   *[client] Residente
}
kiosk-hello = Hola, { $name }
kiosk-idle-hint = { $seconds ->
    [one] Tu sesión se cerrará si no tocas la pantalla durante { $seconds } segundo.
   *[other] Tu sesión se cerrará si no tocas la pantalla durante { $seconds } segundos.
}
characters-left = { $count ->
    [one] Queda { $count } carácter
   *[other] Quedan { $count } caracteres
}
facility-feed-heading = Todas las actividades de { $facility }
poster-heading = { $facility }: las actividades en tu teléfono
person-calendar-heading = Enlace del calendario de { $name }
person-calendar-intro = Este enlace del calendario muestra las actividades a las que va { $name } y aquellas en las que está en lista de espera. Es secreto: quien tenga el enlace puede ver esas actividades, así que entrégaselo solo a { $name } y a nadie más.
feed-last-read = Un calendario lo consultó por última vez el { $day }.
feed-active-since = El enlace del calendario está activo; se creó el { $day }.
alarm-none = Sin recordatorio
alarm-minutes = { $minutes ->
    [one] { $minutes } minuto antes
   *[other] { $minutes } minutos antes
}
alarm-hours = { $hours ->
    [one] { $hours } hora antes
   *[other] { $hours } horas antes
}
alarm-days = { $days ->
    [one] { $days } día antes
   *[other] { $days } días antes
}
import-counts = { $created ->
    [one] { $created } creada
   *[other] { $created } creadas
}, { $updated ->
    [one] { $updated } actualizada
   *[other] { $updated } actualizadas
}, { $unchanged } sin cambios, { $skipped } sin importar.
import-file-hint = Hasta { $megabytes } MB.
guide-counts = { $created ->
    [one] { $created } creada
   *[other] { $created } creadas
}, { $updated ->
    [one] { $updated } actualizada
   *[other] { $updated } actualizadas
}, { $unchanged } sin cambios, { $cancelled ->
    [one] { $cancelled } cancelada
   *[other] { $cancelled } canceladas
}, { $restored ->
    [one] { $restored } restablecida
   *[other] { $restored } restablecidas
}, { $skipped } sin importar.
event-kind = { $kind ->
    [karaoke] Karaoke
    [potluck] Comida compartida
    [twelve_step] Reunión de 12 pasos
    [holiday] Festividad
    [outing] Salida
    [recreation] Recreación
   *[other] Otro
}
event-status = { $status ->
    [scheduled] Programada
   *[cancelled] Cancelada
}
weekday-name = { $day ->
    [mon] lunes
    [tue] martes
    [wed] miércoles
    [thu] jueves
    [fri] viernes
    [sat] sábado
   *[sun] domingo
}
weekday-abbr = { $day ->
    [mon] lun
    [tue] mar
    [wed] mié
    [thu] jue
    [fri] vie
    [sat] sáb
   *[sun] dom
}
month-name = { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
}

## Fechas y horas. $weekday y $month son las palabras de arriba.

# "viernes, 4 de diciembre de 2026"
date-long = { $weekday }, { $day } de { $month } de { $year }
# "4 de diciembre de 2026" (en tablas: sin el día de la semana)
date-plain = { $day } de { $month } de { $year }
# "diciembre de 2026"
month-year = { $month } de { $year }
# Encabezado de la vista semanal: "6 de diciembre – 12 de diciembre de 2026"
date-range = { $first-day } de { $first-month } – { $last-day } de { $last-month } de { $year }
# Reloj de 12 horas: "7:00 p. m."
time-12h = { $hour }:{ $minute } { $half ->
    [am] a. m.
   *[pm] p. m.
}
# Reloj de 24 horas: "19:00"
time-24h = { $hour }:{ $minute }
# "viernes, 4 de diciembre de 2026, 7:00 p. m."
date-and-time = { $date }, { $time }
schedule-same-day = { $date }, { $start } – { $end }
schedule-days = { $start-date }, { $start } – { $end-date }, { $end }
schedule-all-day = { $date } (todo el día)
schedule-all-days = { $first } – { $last } (todo el día)

## Reglas de repetición en palabras: "Cada 2 semanas el martes y jueves, 10 veces".

rule-every = { $unit ->
    [week] { $interval ->
        [one] Cada semana
       *[other] Cada { $interval } semanas
    }
    [month] { $interval ->
        [one] Cada mes
       *[other] Cada { $interval } meses
    }
   *[year] { $interval ->
        [one] Cada año
       *[other] Cada { $interval } años
    }
}
# $days es una lista ya unida: "martes", "martes y jueves", "lunes, miércoles y viernes".
rule-weekly = { $every } el { $days }
rule-monthly-on-day = { $every } el día { $day }
rule-monthly-on-weekday = { $every } el { $ordinal } { $weekday }
rule-yearly-on-day = { $every } el { $day } de { $month }
rule-yearly-on-weekday = { $every } el { $ordinal } { $weekday } de { $month }
rule-until = { $rule }, hasta el { $date }
rule-count = { $rule }, { $count ->
    [one] una vez
   *[other] { $count } veces
}
# Una lista: "martes y jueves", "lunes, miércoles y viernes"
list-two = { $first } y { $last }
list-more = { $rest } y { $last }
list-separator = {", "}

## Inscripciones.

signup-category-name = { $category ->
    [main] Platillo principal
    [side] Guarnición
    [dessert] Postre
    [drinks] Bebidas
    [supplies] Utensilios y desechables
    [set_up] Preparar el lugar
    [decorate] Decorar
    [cook] Cocinar
    [clean_up] Limpiar
   *[other] Otro
}
signup-allergen-name = { $allergen ->
    [nuts] Nueces
    [gluten] Gluten
    [dairy] Lácteos
    [eggs] Huevo
    [shellfish] Mariscos
    [soy] Soya
    [vegetarian] Vegetariano
   *[vegan] Vegano
}
signup-still-needed = { $count ->
    [0] Todo cubierto, ¡gracias!
    [one] Falta { $count }
   *[other] Faltan { $count }
}
signup-still-needed-total = { $count ->
    [0] ¡Ya está todo cubierto, gracias!
    [one] Todavía falta { $count }.
   *[other] Todavía faltan { $count }.
}
signup-headcount-text = Total para planear: { $people } ({ $going ->
    [one] { $going } va
   *[other] { $going } van
}, { $guests ->
    [one] { $guests } acompañante
   *[other] { $guests } acompañantes
}).
signup-remove-warning = { $count ->
    [0] Todavía no se ha anotado nadie.
    [one] { $count } persona se anotó para esto: si lo quitas, se cancela su inscripción.
   *[other] { $count } personas se anotaron para esto: si lo quitas, se cancelan sus inscripciones.
}

## Las opciones de repetición del formulario de actividad, para la fecha elegida.

repeat-label-weekly = { $choice } ({ $weekday })
repeat-label-monthly-day = Cada mes el día { $day }
repeat-label-monthly-nth = Cada mes el { $ordinal } { $weekday }
repeat-label-monthly-last = Cada mes el último { $weekday }
repeat-label-yearly-day = Cada año el { $day } de { $month }
repeat-label-yearly-nth = Cada año el { $ordinal } { $weekday } de { $month }
repeat-label-yearly-last = Cada año el último { $weekday } de { $month }
