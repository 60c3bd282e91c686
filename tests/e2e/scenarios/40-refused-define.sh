# A definition QEMU would refuse (ats='on' on an SMMUv3 without accel) is
# refused by libvirt at define time with a message naming the attribute,
# and the existing definition of the domain stays as it was.
scenario() {
    local dom=e2e-smmuv3-auto xml bad out
    require_schema_text 'virOnOffAuto' || return
    xml=$(domain_xml smmuv3-auto)
    bad=$ROOT/bad.xml
    sed "s|ats='auto'|ats='on'|" "$xml" > "$bad"
    virsh define "$xml" || return 1
    if out=$(virsh define "$bad" 2>&1); then
        echo "FAIL: the bad definition was accepted"
        return 1
    fi
    echo "$out"
    expect_match "refusal" "*ats='on' requires accel='on'*" "$out" || return 1
    out=$(virsh dumpxml --inactive "$dom") || return 1
    expect_match "definition kept" "*ats='auto' ril='auto'*" "$out" || return 1
    virsh undefine --nvram "$dom" || return 1
}
