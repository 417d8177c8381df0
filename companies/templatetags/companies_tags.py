"""The companies' money filters, under the names their templates know; the formatting is
mentorship.numbers', the one Danish number format."""

from django import template

from mentorship.numbers import dk_money, dk_number

register = template.Library()


@register.filter
def dkk(value):
    """12345.6 → "12.345,60 kr."."""
    return dk_money(value)


@register.filter
def decimal_da(value, places=2):
    """A number in Danish format: 7.5 → "7,50"."""
    return dk_number(value, int(places))
