# English as the clusters' European partners read it: day before month, 24-hour clock. Django's own
# "en" formats (December 1, 2026, 5:26 p.m.; 12/01/2026) supply everything not set here.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
