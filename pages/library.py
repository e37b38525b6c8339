"""Планы: load a new plan (checked and previewed before it becomes current), choose one, compare two."""

import streamlit as st

from pages import _shared as shared
from smolplan import PlanReadError, load_plan
from smolplan.counts import events_table_ru
from smolplan.plan_diff import compare_plans
from smolplan.plan_library import add_plan, list_plans, resolve

shared.ensure_app_ran()
st.title("Планы")
current = resolve(st.session_state.get("_plan_key"))
entries = list_plans()
st.caption(f"Сейчас показан: {shared.plain(current.label)}")

st.subheader("Выбрать план")
if shared.plan_is_pinned():
    st.info(f"Приложение запущено с планом {shared.plain(shared.plan_path().name)} (SMOLPLAN_PLAN): "
            "выбор здесь не меняет показанный план.")
labels = {e.key: e.label for e in entries}
chosen = st.selectbox("План", list(labels), index=list(labels).index(current.key), format_func=labels.get)
if chosen != current.key:
    st.query_params["plan"] = chosen
    st.rerun()

st.subheader("Загрузить новый план")
st.caption("Word (.docx; .doc и .odt — через LibreOffice), PDF с текстовым слоем, текстовая выгрузка (.txt), "
           "Excel (.xlsx) или CSV с колонками плана. "
           "Файл сначала проверяется; текущим он станет только после подтверждения.")
upload = shared.plan_uploader("Файл плана")
if upload is not None:
    data = upload.getvalue()
    try:
        preview = load_plan(data, name=upload.name)
    except PlanReadError as error:
        st.error(f"План не прочитан, текущий план не изменился. {shared.plain(error.message)}")
    else:
        st.success(f"Прочитано мероприятий: {len(preview.events)}. {shared.plain(preview.title)}")
        shared.show_load_report(preview)
        st.dataframe(events_table_ru(preview.events), hide_index=True, height=300)
        if st.button("Сделать текущим планом", type="primary"):
            try:
                entry, _ = add_plan(upload.name, data)
            except (PlanReadError, OSError) as error:
                st.error(f"План не сохранён: {shared.plain(getattr(error, 'message', error))}")
            else:
                st.session_state["_uploads"] = st.session_state.get("_uploads", 0) + 1
                st.query_params["plan"] = entry.key
                st.rerun()

if len(entries) > 1:
    st.subheader("Сравнить два плана")
    left, right = st.columns(2)
    keys = list(labels)
    old_key = left.selectbox("Был", keys, index=min(1, len(keys) - 1), format_func=labels.get, key="old_plan")
    new_key = right.selectbox("Стал", keys, index=0, format_func=labels.get, key="new_plan")
    try:
        old, new = shared.load_entry(resolve(old_key)), shared.load_entry(resolve(new_key))
    except PlanReadError as error:
        st.error(shared.plain(error.message))
    else:
        diff = compare_plans(old.events, new.events)
        st.markdown(f"Добавлено: **{len(diff['added'])}**, исключено: **{len(diff['removed'])}**, "
                    f"изменено: **{len(diff['changed'])}**")
        for key, title in (("added", "Добавлены"), ("removed", "Исключены"), ("changed", "Изменены")):
            with st.expander(f"{title}: {len(diff[key])}", expanded=key == "changed"):
                st.dataframe(diff[key], hide_index=True)
        side_left, side_right = st.columns(2)
        side_left.dataframe(diff["spheres"], hide_index=True)
        side_right.dataframe(diff["countries"], hide_index=True)
