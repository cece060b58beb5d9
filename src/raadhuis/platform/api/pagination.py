from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """ZGW style pages: ``count``, ``next``, ``previous``, ``results``; ``page`` parameter."""

    page_size_query_param = None
