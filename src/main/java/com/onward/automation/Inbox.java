package com.onward.automation;

import java.util.List;

import org.springframework.stereotype.Service;

import com.onward.graduation.Extensions;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.messaging.Notifications;

/**
 * A staff user's inbox: the notices and tasks the automation handed to the team member they are, and for a CS
 * manager (or admin) the extensions waiting for their decision. The top bar shows how many need attention.
 */
@Service
public class Inbox {

	/** What needs a user's attention. */
	public record Contents(List<Notifications.Notification> notifications, List<Tasks.Task> tasks,
			List<Extensions.AwaitingDecision> approvals) {
	}

	private final Notifications notifications;
	private final Tasks tasks;
	private final Extensions extensions;

	Inbox(Notifications notifications, Tasks tasks, Extensions extensions) {
		this.notifications = notifications;
		this.tasks = tasks;
		this.extensions = extensions;
	}

	public Contents of(Users.StaffUser user) {
		return new Contents(notifications.inbox(user.id(), false, 100), tasks.mine(user, true, 200),
				decides(user) ? extensions.awaitingDecision(100) : List.of());
	}

	/**
	 * Unread notices, open tasks and (for a manager) decisions waiting. Asked on every page (the top bar's
	 * badge): its counts share one connection, without a transaction of their own.
	 */
	@org.springframework.transaction.annotation.Transactional(readOnly = true,
			propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public long attention(Users.StaffUser user) {
		return notifications.unreadCount(user.id()) + tasks.openCount(user)
				+ (decides(user) ? extensions.awaitingDecisionCount() : 0);
	}

	static boolean decides(Users.StaffUser user) {
		return user.role() == StaffRole.CS_MANAGER || user.role() == StaffRole.ADMIN;
	}
}
