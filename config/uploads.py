"""A cap on the size of every multipart body (file uploads), checked before it is read.

DATA_UPLOAD_MAX_MEMORY_SIZE bounds form fields but not files: without this, a large upload is
streamed to disk in full before any view can refuse it.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class BodySizeLimit(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.MAX_REQUEST_BODY_BYTES:
            raise RequestDataTooBig("Request body exceeded settings.MAX_REQUEST_BODY_BYTES.")

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # the next handler keeps the file

    def file_complete(self, file_size):
        return None
