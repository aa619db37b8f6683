# 12-step meetings: fellowships and the Meeting Guide type codes
# (https://github.com/code4recovery/spec). Keep each fellowship's and
# type's customary name in the language; the codes in [ ] never change.

fellowship-name = { $fellowship ->
    [aa] AA
    [na] NA
    [ca] CA
    [cma] CMA
    [al_anon] Al-Anon
   *[other] Other fellowship
}
# One per type code: `meeting-type-<code> = name`.
meeting-type-O = Open
meeting-type-C = Closed
meeting-type-SP = Speaker
meeting-type-D = Discussion
meeting-type-B = Big Book
meeting-type-ST = Step Study
meeting-type-TR = Tradition Study
meeting-type-BE = Newcomer
meeting-type-LIT = Literature
meeting-type-MED = Meditation
meeting-type-11 = 11th Step Meditation
meeting-type-12x12 = 12 Steps & 12 Traditions
meeting-type-ABSI = As Bill Sees It
meeting-type-DR = Daily Reflections
meeting-type-GR = Grapevine
meeting-type-LS = Living Sober
meeting-type-H = Birthday
meeting-type-CAN = Candlelight
meeting-type-BRK = Breakfast
meeting-type-AL = Concurrent with Alateen
meeting-type-AL-AN = Concurrent with Al-Anon
meeting-type-W = Women
meeting-type-M = Men
meeting-type-Y = Young People
meeting-type-SEN = Seniors
meeting-type-P = Professionals
meeting-type-LGBTQ = LGBTQ
meeting-type-G = Gay
meeting-type-L = Lesbian
meeting-type-T = Transgender
meeting-type-BI = Bisexual
meeting-type-NB = Non-Binary
meeting-type-POC = People of Color
meeting-type-N = Native American
meeting-type-NDG = Indigenous
meeting-type-A = Secular
meeting-type-DD = Dual Diagnosis
meeting-type-EN = English
meeting-type-S = Spanish
meeting-type-AM = Amharic
meeting-type-DA = Danish
meeting-type-DE = German
meeting-type-EL = Greek
meeting-type-FA = Persian
meeting-type-FR = French
meeting-type-HE = Hebrew
meeting-type-HI = Hindi
meeting-type-HR = Croatian
meeting-type-HU = Hungarian
meeting-type-ITA = Italian
meeting-type-JA = Japanese
meeting-type-KOR = Korean
meeting-type-LT = Lithuanian
meeting-type-ML = Malayalam
meeting-type-NO = Norwegian
meeting-type-POL = Polish
meeting-type-POR = Portuguese
meeting-type-PUN = Punjabi
meeting-type-RUS = Russian
meeting-type-SK = Slovak
meeting-type-SV = Swedish
meeting-type-TH = Thai
meeting-type-TL = Tagalog
meeting-type-UK = Ukrainian
meeting-type-ASL = American Sign Language
meeting-type-X = Wheelchair Access
meeting-type-XB = Wheelchair-Accessible Bathroom
meeting-type-FF = Fragrance Free
meeting-type-CF = Child-Friendly
meeting-type-BA = Babysitting Available
meeting-type-OUT = Outdoor
meeting-type-SM = Smoking Permitted
meeting-type-XT = Cross Talk Permitted
meeting-type-POA = Proof of Attendance
meeting-type-DB = Digital Basket
meeting-type-TC = Location Temporarily Closed
meeting-type-ONL = Online

# "O Open · D Discussion": a code and its name, in a list of them.
meeting-type-with-code = { $code } { $name }
