from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.mail_preferences, name="mail-preferences"),
    path("notifications/lues/", views.notifications_read_all, name="notifications-read-all"),
    path("notifications/<int:pk>/", views.notification_open, name="notification-open"),
]
