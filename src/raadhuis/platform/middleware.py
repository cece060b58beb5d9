from raadhuis.platform import context, tenancy


class UserContextMiddleware:
    """Open the request's tenant scope and actor from the logged-in user.

    API views that authenticate a ZGW client open their own scope and actor inside.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        with tenancy.activate(tenancy.scope_of_user(user)), context.acting_as(
            context.actor_for_user(user)
        ):
            return self.get_response(request)
