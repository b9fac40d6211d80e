app_name = "space"

urlpatterns = []
