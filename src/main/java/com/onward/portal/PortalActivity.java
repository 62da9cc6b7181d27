package com.onward.portal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.onward.shared.LocalizedText;

import tools.jackson.databind.ObjectMapper;

/** What customers did in the portal on a project's homework, for staff (the project page and the API). */
@Service
public class PortalActivity {

	public record Entry(String type, UUID id, String author, String text, Integer size, Instant at) {
	}

	public record ItemActivity(UUID itemId, LocalizedText itemName, String status, List<Entry> entries) {
	}

	private final JdbcClient jdbc;
	private final ObjectMapper json;

	PortalActivity(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public List<ItemActivity> forProject(UUID projectId) {
		var items = new LinkedHashMap<UUID, ItemActivity>();
		jdbc.sql("""
				select i.id, i.name, i.status, x.type, x.id, x.author, x.text, x.size, x.at
				from (select 'COMMENT' as type, id, item_id, author, body as text, null::int as size, created_at as at
				      from portal_comment where project_id = :p
				      union all
				      select 'FILE', f.id, f.item_id, coalesce(c.name, ''), f.filename, f.size, f.created_at
				      from portal_file f left join stakeholder_contact_v c on c.id = f.contact_id where f.project_id = :p) x
				join onboarding_customer_item_v i on i.id = x.item_id
				order by i.phase_pos, i.position, x.at""")
			.param("p", projectId)
			.query((rs, n) -> {
				UUID itemId = rs.getObject(1, UUID.class);
				var item = items.computeIfAbsent(itemId, k -> {
					try {
						return new ItemActivity(k, json.readValue(rs.getString(2), LocalizedText.class), rs.getString(3),
								new ArrayList<>());
					}
					catch (java.sql.SQLException e) {
						throw new IllegalStateException(e);
					}
				});
				item.entries().add(new Entry(rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6),
						rs.getString(7), (Integer) rs.getObject(8), rs.getTimestamp(9).toInstant()));
				return item;
			}).list();
		return new ArrayList<>(items.values());
	}
}
