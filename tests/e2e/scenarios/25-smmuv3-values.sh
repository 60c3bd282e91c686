# Explicit feature values on a pluggable SMMUv3 without accel (the ones
# QEMU's emulated SMMUv3 accepts) reach QEMU as libvirt wrote them, and the
# instance without attributes keeps QEMU's defaults.
scenario() {
    local dom=e2e-smmuv3-values xml p i
    require_schema_attr accel || return
    xml=$(domain_xml smmuv3-values)
    virsh define "$xml" || return 1
    local cmds=("start $dom")
    for p in accel ats ril ssidsize oas cmdqv; do
        cmds+=("$(qom_get_cmd "$dom" /machine/peripheral/iommu0 "$p")")
    done
    cmds+=("$(qom_get_cmd "$dom" /machine/peripheral/iommu1 ats)"
           "destroy $dom" "domstate $dom")
    vsession "${cmds[@]}"
    expect_no_errors || return 1
    i=1
    for p in accel:false ats:'"off"' ril:'"on"' ssidsize:'"0"' oas:'"44"' cmdqv:'"off"'; do
        expect_eq "iommu0 ${p%%:*}" "${p#*:}" "$(qmp_return "${VOUT[$i]}")" || return 1
        i=$((i + 1))
    done
    expect_eq "iommu1 ats (not set, QEMU default)" '"auto"' "$(qmp_return "${VOUT[7]}")" || return 1
    expect_eq "state after destroy" "shut off" "${VOUT[9]}" || return 1
    expect_cleaned_up "$dom" || return 1
    virsh undefine --nvram "$dom" || return 1
}
