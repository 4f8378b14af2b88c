"""What every API view shares: GET only, JSON out, errors as JSON with the right status."""

from __future__ import annotations

from functools import wraps

from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt

ALLOWED_METHODS = ("GET", "HEAD")


class ApiError(Exception):
    """A request the API refuses; becomes {"error": message, ...details} with `status`."""

    def __init__(self, status: int, message: str, **details):
        super().__init__(message)
        self.status, self.message, self.details = status, message, details


def json_response(data: dict, status: int = 200) -> JsonResponse:
    # ensure_ascii=False: Dutch names (Oekraïne, Georgië) stay readable in the body.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def invalid_parameters(fields: dict[str, list[dict]]) -> ApiError:
    """400 for parameters the API cannot read: {"fields": {name: [{"message", "code"}]}}, the
    shape of Django's `form.errors.get_json_data()`."""
    return ApiError(400, "Invalid parameters.", fields=fields)


def error_response(status: int, message: str, **details) -> JsonResponse:
    return json_response({"error": message, **details}, status=status)


def api_view(view):
    """Wrap a view that returns a dict: refuse other methods with 405 and turn Http404 and
    ApiError into JSON. CSRF does not apply: nothing here writes, and a POST should get 405,
    not the HTML 403 page."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ALLOWED_METHODS:
            response = error_response(405, f"Method {request.method} not allowed; this API is read-only.")
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        try:
            return json_response(view(request, *args, **kwargs))
        except Http404:
            return error_response(404, "Not found.")
        except ApiError as exc:
            return error_response(exc.status, exc.message, **exc.details)

    return wrapper
