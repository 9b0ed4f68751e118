"""Pagination that never counts a whole table.

Django's Paginator runs SELECT COUNT(*) over every matching row on each page
view: at national scale (50,000 recommendations) that count is the costliest
query of a list. This one counts at most COUNT_LIMIT rows (COUNT over a LIMIT
subquery), so a page costs the same on 1,000 rows as on 10 million; past the
limit, the list says "more than …" and its pages go that far (40 pages of 25)
— the filters narrow it down. (It was 10,000: a count that large still grows
with the data, up to the limit.)
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_LIMIT = 1_000


def bounded_count(queryset, limit: int) -> int:
    """How many rows match, counting at most limit + 1 of them (COUNT over a
    LIMIT subquery): the cost stops growing with the table past the limit.
    The subquery selects the primary key alone, without the rows' annotations
    (a per-row count of participants would otherwise run for each counted row)."""
    return queryset.order_by().values("pk")[: limit + 1].count()


class CappedCountPaginator(Paginator):
    count_limit = COUNT_LIMIT

    @cached_property
    def _bounded_count(self) -> int:
        return bounded_count(self.object_list, self.count_limit)

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.count_limit)

    @cached_property
    def capped(self) -> bool:
        """True when more rows match than were counted."""
        return self._bounded_count > self.count_limit
