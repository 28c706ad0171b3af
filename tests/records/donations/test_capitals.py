"""Amounts in Chinese capitals as receipts write them (records.donations.capitals)."""

from decimal import Decimal

import pytest

from records.donations.capitals import rmb_in_capitals


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("20000", "人民币贰万元整"),
        ("20000.00", "人民币贰万元整"),
        ("800000", "人民币捌拾万元整"),
        ("10", "人民币壹拾元整"),
        ("15", "人民币壹拾伍元整"),
        ("1001", "人民币壹仟零壹元整"),
        ("1010", "人民币壹仟零壹拾元整"),
        ("100010", "人民币壹拾万零壹拾元整"),
        ("110000", "人民币壹拾壹万元整"),
        ("10005.50", "人民币壹万零伍元伍角"),
        ("1000.01", "人民币壹仟元零壹分"),
        ("1.05", "人民币壹元零伍分"),
        ("0.05", "人民币伍分"),
        ("0.5", "人民币伍角"),
        ("0", "人民币零元整"),
        ("1234.56", "人民币壹仟贰佰叁拾肆元伍角陆分"),
        ("100000000", "人民币壹亿元整"),
        ("100000005", "人民币壹亿零伍元整"),
        ("100050000", "人民币壹亿零伍万元整"),
        ("123456789.12", "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
        ("99999999.99", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_amounts_in_capitals(amount, expected):
    assert rmb_in_capitals(Decimal(amount)) == expected


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        rmb_in_capitals(Decimal("-1"))
