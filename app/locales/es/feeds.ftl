# Palabras que agregan los enlaces del calendario. Terminan en los calendarios
# de los teléfonos (y en la pantalla de bloqueo), así que las del modo
# discreto deben ser neutras.

feed-discreet-evening-group = Grupo de la tarde
feed-discreet-group = Grupo
feed-discreet-outing = Salida
feed-discreet-gathering = Encuentro
feed-reminder = Recordatorio
feed-waitlisted = En lista de espera: { $title }
feed-kind-name = { $facility }: { $kind }
feed-facility-description = Actividades de { $facility }
feed-event-discreet = Actividad
feed-event-name = { $facility }: { $title }
feed-my-events = Mis actividades
feed-my-events-at = { $facility }: mis actividades
