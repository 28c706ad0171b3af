"""An amount of money in Chinese capital numerals (大写金额) as receipts write it: 人民币贰万元整.

The rules of the People's Bank of China for writing amounts on receipts and vouchers: capital digits 零壹贰叁肆
伍陆柒捌玖 with 拾佰仟 and 万亿; one 零 for a run of zeros inside the number (壹仟零壹元, 壹拾万零壹拾元), none
for trailing zeros; 元 for the yuan, then 角 and 分; 整 after an amount in whole yuan; 零 before 分 when
there are no 角 (壹元零伍分). (cn2an was tried: it writes the same, but its wheel installs stray top-level folders
named ``build``, ``src`` and ``example`` into site-packages.)
"""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")
CENT = Decimal("0.01")


def _group(number):
    """A number of 1 to 9999 in capitals, with 零 for the zeros inside it (not the leading or trailing ones)."""
    digits = f"{number:04d}"
    text, zero = "", False
    for index, char in enumerate(digits):
        digit = int(char)
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += DIGITS[0]
            zero = False
        text += DIGITS[digit] + PLACES[3 - index]
    return text


def _integer(number):
    """Whole yuan in capitals (without 元); "" for zero."""
    groups = []
    while number:
        number, group = divmod(number, 10000)
        groups.append(group)
    if len(groups) > len(GROUPS):
        raise ValueError("Amount too large.")
    text = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        # A zero between this group and what was written before: a skipped group, or fewer than four digits.
        if text and (group < 1000 or groups[index + 1] == 0):
            text += DIGITS[0]
        text += _group(group) + GROUPS[index]
    return text


def rmb_in_capitals(amount, prefix="人民币"):
    """``amount`` (a Decimal of yuan, rounded to the fen) in capitals: 人民币贰万元整, 人民币壹仟元零伍分."""
    amount = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount < 0:
        raise ValueError("A negative amount has no receipt.")
    yuan = int(amount)
    fen_total = int((amount - yuan) * 100)
    jiao, fen = divmod(fen_total, 10)
    whole = _integer(yuan)
    if not whole and not fen_total:
        return f"{prefix}零元整"
    text = f"{whole}元" if whole else ""
    if not fen_total:
        return f"{prefix}{text}整"
    if jiao:
        text += f"{DIGITS[jiao]}角"
    elif whole:
        text += DIGITS[0]
    if fen:
        text += f"{DIGITS[fen]}分"
    return f"{prefix}{text}"
