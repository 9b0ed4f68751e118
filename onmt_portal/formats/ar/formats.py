"""Arabic as read in Morocco: figures grouped by thousands (1.990.813), as the
French pages group them (1 990 813); the day before the month (8 يوليو 2022);
the 24-hour clock (10:00 – 17:00), as on the French pages. Django's own Arabic
formats write « يوليو 8, 2022, 10 ص »."""

NUMBER_GROUPING = 3
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d‏/m‏/Y"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y H:i"

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
