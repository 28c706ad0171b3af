"""Chinese date formats: 2023年11月21日, 2024年1月."""

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
SHORT_DATE_FORMAT = "Y年n月j日"
TIME_FORMAT = "H:i"

# Numbers grouped by thousands with a comma, as in Chinese financial and statistical writing (2,711;
# 195,996,000.00). Django's zh_Hans formats leave the separator empty, so intcomma and floatformat:"2g" printed
# 2711 and 195996000.00.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
