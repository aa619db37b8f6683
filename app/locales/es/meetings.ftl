# Reuniones de 12 pasos: comunidades y códigos de tipo de Meeting Guide
# (https://github.com/code4recovery/spec). Cada nombre es el habitual en las
# listas de reuniones en español (data/types.json de esa especificación);
# los códigos entre [ ] nunca cambian.

fellowship-name = { $fellowship ->
    [aa] AA
    [na] NA
    [ca] CA
    [cma] CMA
    [al_anon] Al-Anon
   *[other] Otra comunidad
}
# Uno por código de tipo: `meeting-type-<código> = nombre`.
meeting-type-O = Abierta
meeting-type-C = Cerrada
meeting-type-SP = Orador
meeting-type-D = Discusión
meeting-type-B = Libro Grande
meeting-type-ST = Estudio de pasos
meeting-type-TR = Estudio de tradiciones
meeting-type-BE = Principiantes
meeting-type-LIT = Literatura
meeting-type-MED = Meditación
meeting-type-11 = Meditación del Paso 11
meeting-type-12x12 = 12 Pasos y 12 Tradiciones
meeting-type-ABSI = Como lo ve Bill
meeting-type-DR = Reflexiones Diarias
meeting-type-GR = La Viña
meeting-type-LS = Viviendo Sobrio
meeting-type-H = Cumpleaños
meeting-type-CAN = Luz de una vela
meeting-type-BRK = Desayuno
meeting-type-AL = Concurrente con Alateen
meeting-type-AL-AN = Concurrente con Al-Anon
meeting-type-W = Mujeres
meeting-type-M = Hombres
meeting-type-Y = Gente joven
meeting-type-SEN = Personas mayores
meeting-type-P = Profesionales
meeting-type-LGBTQ = LGBTQ
meeting-type-G = Gay
meeting-type-L = Lesbiana
meeting-type-T = Transgénero
meeting-type-BI = Bisexual
meeting-type-NB = No binario
meeting-type-POC = Gente de color
meeting-type-N = Nativo americano
meeting-type-NDG = Indígena
meeting-type-A = Secular
meeting-type-DD = Diagnóstico dual
meeting-type-EN = Inglés
meeting-type-S = Español
meeting-type-AM = Amárico
meeting-type-DA = Danés
meeting-type-DE = Alemán
meeting-type-EL = Griego
meeting-type-FA = Persa
meeting-type-FR = Francés
meeting-type-HE = Hebreo
meeting-type-HI = Hindi
meeting-type-HR = Croata
meeting-type-HU = Húngaro
meeting-type-ITA = Italiano
meeting-type-JA = Japonés
meeting-type-KOR = Coreano
meeting-type-LT = Lituano
meeting-type-ML = Malayalam
meeting-type-NO = Noruego
meeting-type-POL = Polaco
meeting-type-POR = Portugués
meeting-type-PUN = Punjabi
meeting-type-RUS = Ruso
meeting-type-SK = Eslovaco
meeting-type-SV = Sueco
meeting-type-TH = Tailandés
meeting-type-TL = Tagalo
meeting-type-UK = Ucraniano
meeting-type-ASL = Lengua de señas americana
meeting-type-X = Acceso en silla de ruedas
meeting-type-XB = Baño accesible para sillas de ruedas
meeting-type-FF = Sin fragancia
meeting-type-CF = Apta para niños
meeting-type-BA = Guardería disponible
meeting-type-OUT = Al aire libre
meeting-type-SM = Se permite fumar
meeting-type-XT = Se permite opinar
meeting-type-POA = Prueba de asistencia
meeting-type-DB = Canasta digital
meeting-type-TC = Ubicación temporalmente cerrada
meeting-type-ONL = En línea

# "O Abierta · D Discusión": un código y su nombre, en una lista de ellos.
meeting-type-with-code = { $code } { $name }
