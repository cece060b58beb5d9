"""The download's renderer: the file itself is a streaming response; what is rendered here is
only an error body (already in the ZGW error format) when a client asks for octet-stream."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from rest_framework.renderers import BaseRenderer


class BinaryRenderer(BaseRenderer):
    media_type = "application/octet-stream"
    format = "json"  # one format name with the JSON renderer: no ?format= parameter to offer
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None or isinstance(data, bytes):
            return data or b""
        return json.dumps(data, cls=DjangoJSONEncoder).encode("utf-8")
