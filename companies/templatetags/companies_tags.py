from django import template

from companies.compensation import format_decimal_da, format_dkk

register = template.Library()


@register.filter
def dkk(value):
    """12345.6 → "12.345,60 kr." (Danish number format, two decimals)."""
    return format_dkk(value)


@register.filter
def decimal_da(value, places=2):
    """A number in Danish format: 7.5 → "7,50"."""
    return format_decimal_da(value, int(places))
