from wagtail import hooks

from accounts.user_management import refuse_bulk_actions_of_user_managers

hooks.register("before_bulk_action", refuse_bulk_actions_of_user_managers)
