package com.productos.supervisor;

import com.productos.supervisor.session.ModelStepRecord;
import com.productos.supervisor.session.SessionMessage;
import com.productos.supervisor.session.SessionRecord;
import java.util.List;

/** A session reopened: its record, what was said, and each model step with its usage. */
public record SessionView(SessionRecord session, List<SessionMessage> messages, List<ModelStepRecord> steps) {}
